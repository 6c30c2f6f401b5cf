import http from 'node:http'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { basicAuth, createClient, createSession, startTestHub, type TestHub } from '../harness.ts'

const maxFailures = 5
const windowSeconds = 60

let hub: TestHub

beforeEach(async () => {
  hub = await startTestHub({ authThrottle: { maxFailures, windowMs: windowSeconds * 1000 } })
})

afterEach(async () => {
  await hub.close()
})

/** GET from a chosen loopback source address (the whole 127/8 is this machine). */
function getFrom(
  sourceAddress: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; retryAfter: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      new URL(path, hub.url),
      { headers, localAddress: sourceAddress },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () => {
          const retryAfter = response.headers['retry-after']
          resolve({ status: response.statusCode ?? 0, retryAfter, body })
        })
      },
    )
    request.on('error', reject)
  })
}

const wrongKey = 'psk_wrong000000000000000000000000000'
const apiKey = (key: string) => ({ authorization: basicAuth(key) })

/** Fails `times` times from one address, each time with another wrong key. */
async function fail(times: number, from = '127.0.0.1') {
  const statuses = []
  for (let attempt = 0; attempt < times; attempt++) {
    const guess = `psk_guess${String(attempt).padStart(27, '0')}`
    statuses.push((await getFrom(from, '/accounts', apiKey(guess))).status)
  }
  return statuses
}

describe('repeated failed authentication', () => {
  it('answers 429 with Retry-After once an address spent its failures, without checking the key', async () => {
    expect(await fail(maxFailures)).toEqual(Array<number>(maxFailures).fill(401))

    const refused = await getFrom('127.0.0.1', '/accounts', apiKey(wrongKey))
    expect(refused.status).toBe(429)
    expect(refused.retryAfter).toBe(String(windowSeconds))
    expect(JSON.parse(refused.body)).toMatchObject({ statusCode: 429 })
    // Refused before the key is looked at: even the right key waits for the window.
    expect((await getFrom('127.0.0.1', '/accounts', apiKey(hub.apiKey))).status).toBe(429)

    hub.clock.advance(windowSeconds / 2)
    expect((await getFrom('127.0.0.1', '/accounts', apiKey(wrongKey))).retryAfter).toBe(
      String(windowSeconds / 2),
    )
    hub.clock.advance(windowSeconds / 2)
    expect((await getFrom('127.0.0.1', '/accounts', apiKey(hub.apiKey))).status).toBe(200)
  })

  it("keeps an address's failures after a success with a valid key", async () => {
    expect(await fail(maxFailures - 1)).toEqual(Array<number>(maxFailures - 1).fill(401))
    expect((await getFrom('127.0.0.1', '/accounts', apiKey(hub.apiKey))).status).toBe(200)
    expect(await fail(2)).toEqual([401, 429])
    expect((await getFrom('127.0.0.1', '/accounts', apiKey(hub.apiKey))).status).toBe(429)
    hub.clock.advance(windowSeconds)
    expect((await getFrom('127.0.0.1', '/accounts', apiKey(hub.apiKey))).status).toBe(200)
  })

  it('keeps addresses apart', async () => {
    await fail(maxFailures + 3, '127.0.0.2')
    expect((await getFrom('127.0.0.2', '/accounts', apiKey(hub.apiKey))).status).toBe(429)
    expect((await getFrom('127.0.0.3', '/accounts', apiKey(hub.apiKey))).status).toBe(200)
  })

  it('also counts one presented key across addresses', async () => {
    const statuses = []
    for (let index = 0; index <= maxFailures; index++) {
      statuses.push(
        (await getFrom(`127.0.1.${String(index + 1)}`, '/accounts', apiKey(wrongKey))).status,
      )
    }
    expect(statuses).toEqual([...Array<number>(maxFailures).fill(401), 429])
  })

  it('answers every request of a burst at once instead of holding it open', async () => {
    await fail(maxFailures)
    const burst = await Promise.all(
      Array.from({ length: 200 }, () => getFrom('127.0.0.1', '/accounts', apiKey(wrongKey))),
    )
    expect(new Set(burst.map((response) => response.status))).toEqual(new Set([429]))
  })

  it('slows down guessed connect session tokens the same way', async () => {
    const token = (await createSession(createClient(hub.url), hub.apiKey)).token
    const guess = { 'x-hub-session-token': 'cst_guess0000000000000000000000000000' }
    for (let attempt = 0; attempt < maxFailures; attempt++) {
      expect((await getFrom('127.0.0.4', '/hub/settings', guess)).status).toBe(401)
    }
    const refused = await getFrom('127.0.0.4', '/hub/settings', guess)
    expect(refused.status).toBe(429)
    expect(refused.retryAfter).toBe(String(windowSeconds))
    expect(
      (await getFrom('127.0.0.5', '/hub/settings', { 'x-hub-session-token': token })).status,
    ).toBe(200)
  })
})
