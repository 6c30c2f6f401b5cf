import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  createSession,
  linkAccount,
  linkAccountId,
  startScenario,
  type JsonResponse,
  type Scenario,
} from '../harness.ts'

let scenario: Scenario
/** Each session token with the index of the response body that created it. */
const sessions: { token: string; createdIn: number }[] = []

beforeAll(async () => {
  scenario = await startScenario({ seed: 17, employees: 3 })
  const { client, hub, keys } = scenario
  const asProject = { apiKey: hub.apiKey }

  // Walk through every path that handles a key: link, refuse, rotate, edit mode, list, delete.
  const session = await openSession({ origin_owner_id: 'leak-check' })
  const id = await linkAccountId(client, session, keys.guide)
  expectStatus(await linkAccount(client, session, keys.read_only), 422)
  expectStatus(await linkAccount(client, session, keys.revoked), 400)
  expectStatus(await linkAccount(client, session, 'garbage-key-with-no-meaning-0123456789'), 400)
  const revoked = { credentials: { api_key: keys.revoked } }
  expectStatus(
    await client.request('PATCH', `/accounts/${id}`, { ...asProject, body: revoked }),
    400,
  )
  const full = { credentials: { api_key: keys.full } }
  expectStatus(await client.request('PATCH', `/accounts/${id}`, { ...asProject, body: full }), 200)

  const edit = await openSession({ account_id: id })
  expectStatus(await client.request('GET', `/hub/accounts/${id}`, { sessionToken: edit }), 200)
  const relink = { integration_id: 'payfit', credentials: { api_key: keys.guide } }
  expectStatus(
    await client.request('PATCH', `/hub/accounts/${id}`, { sessionToken: edit, body: relink }),
    200,
  )
  expectStatus(await client.request('GET', '/accounts', asProject), 200)
  expectStatus(await client.request('GET', `/accounts/${id}`, asProject), 200)
  expectStatus(
    await client.request('POST', '/connect_sessions/authenticate', {
      ...asProject,
      body: { token: session },
    }),
    201,
  )
})

afterAll(() => scenario.close())

async function openSession(body: Record<string, unknown>): Promise<string> {
  const createdIn = scenario.client.bodies().length
  const { token } = await createSession(scenario.client, scenario.hub.apiKey, body)
  sessions.push({ token, createdIn })
  return token
}

function expectStatus(response: JsonResponse, status: number): void {
  expect(response.status, response.text).toBe(status)
}

function secrets(): [string, string][] {
  const { keys, hub } = scenario
  return [
    ['the guide key', keys.guide],
    ['the full key', keys.full],
    ['the read-only key', keys.read_only],
    ['the revoked key', keys.revoked],
    ['the project API key', hub.apiKey],
    ...sessions.map(({ token }, index): [string, string] => [
      `session token ${String(index + 1)}`,
      token,
    ]),
  ]
}

describe('no credential leaves the vault', () => {
  it('keeps every key and token out of every response body but the one creating the token', () => {
    const bodies = scenario.client.bodies()
    expect(bodies).toHaveLength(13)
    for (const [name, secret] of secrets()) {
      const creating = sessions.find(({ token }) => token === secret)?.createdIn
      const leaking = bodies.filter((body, index) => index !== creating && body.includes(secret))
      expect(leaking, name).toEqual([])
    }
  })

  it('keeps every key and token out of every log line', () => {
    const logs = scenario.hub.logs.text()
    expect(scenario.hub.logs.lines().length).toBeGreaterThan(10)
    for (const [name, secret] of secrets()) expect(logs.includes(secret), name).toBe(false)
  })

  it('writes one request line per request with its route template, never its URL', () => {
    const requestLines = scenario.hub.logs
      .lines()
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'request completed')
    expect(requestLines.length).toBeGreaterThan(10)
    for (const line of requestLines) {
      expect(line).toMatchObject({
        reqId: expect.any(String) as string,
        method: expect.any(String) as string,
        route: expect.any(String) as string,
        statusCode: expect.any(Number) as number,
        durationMs: expect.any(Number) as number,
      })
      expect(line).not.toHaveProperty('url')
    }
    expect(requestLines.some((line) => typeof line.accountId === 'string')).toBe(true)
  })

  it('stores no key or token in clear in the database file or its WAL', () => {
    const files = fs
      .readdirSync(scenario.hub.dataDir)
      .filter((name) => name.startsWith('passerelle.db'))
      .map((name) => path.join(scenario.hub.dataDir, name))
    expect(files.length).toBeGreaterThan(0)
    const bytes = Buffer.concat(files.map((file) => fs.readFileSync(file)))
    for (const [name, secret] of secrets()) {
      expect(bytes.includes(Buffer.from(secret, 'utf8')), name).toBe(false)
    }
  })
})
