import { afterEach, describe, expect, it } from 'vitest'

import { ProviderError, RateLimitedError } from '../../errors.ts'
import {
  absenceBody,
  clientFor,
  closeScriptedServers,
  company,
  json,
  scripted,
  type Step,
} from './scripted-server.ts'

afterEach(closeScriptedServers)

const rateLimited = (headers: Record<string, string>) =>
  json(429, { message: 'API rate limit exceeded' }, headers)

/** With a 60 s backoff and a 5 s deadline, only a wait the server names lets the retry happen. */
const ownBackoffPastDeadline = { retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } }

describe('PayFit client retries', () => {
  it('waits as Retry-After says rather than by its own backoff', async () => {
    const server = await scripted([rateLimited({ 'retry-after': '0' }), json(200, company)])
    const client = clientFor(server.url, ownBackoffPastDeadline)
    await expect(client.getCompany('c1')).resolves.toMatchObject({ name: 'Atelier' })
    expect(client.callCount).toBe(2)
  })

  it('falls back to RateLimit-Reset when Retry-After is absent', async () => {
    const server = await scripted([rateLimited({ 'ratelimit-reset': '0' }), json(200, company)])
    const client = clientFor(server.url, ownBackoffPastDeadline)
    await expect(client.getCompany('c1')).resolves.toMatchObject({ id: 'c1' })
    expect(server.seen).toHaveLength(2)
  })

  it('ignores the rate-limit window on a 5xx and backs off on its own', async () => {
    const server = await scripted([
      json(503, { message: 'down' }, { 'ratelimit-reset': '120' }),
      json(200, company),
    ])
    const client = clientFor(server.url, { timeoutMs: 2_000 })
    await expect(client.getCompany('c1')).resolves.toMatchObject({ id: 'c1' })
    expect(server.seen).toHaveLength(2)
  })

  it('gives up at once with the wait PayFit asked for when it exceeds the deadline', async () => {
    const server = await scripted([json(429, { message: 'slow down' }, { 'retry-after': '120' })])
    const client = clientFor(server.url, { timeoutMs: 2_000 })
    const error = await client.getCompany('c1').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(RateLimitedError)
    expect((error as RateLimitedError).retryAfterSeconds).toBe(120)
    expect(server.seen).toHaveLength(1)
  })

  it('retries a 5xx on a read and succeeds', async () => {
    const server = await scripted([json(503, {}), json(502, {}), json(200, company)])
    const client = clientFor(server.url)
    await expect(client.getCompany('c1')).resolves.toMatchObject({ id: 'c1' })
    expect(client.callCount).toBe(3)
  })

  it('stops after its attempts with a ProviderError carrying the last status and url', async () => {
    const server = await scripted([json(500, { code: 500, error: 'Internal' })])
    const client = clientFor(server.url, { retry: { maxAttempts: 3, baseDelayMs: 1 } })
    const error = await client.getCompany('c1').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).providerErrors).toMatchObject([
      { status: 500, url: `${server.url}/companies/c1`, raw: { code: 500, error: 'Internal' } },
    ])
    expect((error as ProviderError).providerErrors).toHaveLength(1)
    expect(server.seen).toHaveLength(3)
  })

  it('never retries a write after a 5xx', async () => {
    const server = await scripted([json(503, {}), json(201, { id: 'a1' })])
    const client = clientFor(server.url)
    await expect(client.createAbsence('c1', absenceBody)).rejects.toThrow(/may or may not/)
    expect(server.seen).toHaveLength(1)
  })

  it('retries a write after a 429, which PayFit did not process', async () => {
    const server = await scripted([rateLimited({ 'retry-after': '0' }), json(201, { id: 'a1' })])
    const client = clientFor(server.url)
    await expect(client.createAbsence('c1', absenceBody)).resolves.toEqual({ id: 'a1' })
    expect(server.seen.map((request) => request.method)).toEqual(['POST', 'POST'])
  })

  it('retries a read whose body was cut off by a dropped connection', async () => {
    const cut: Step = (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' })
      res.write('{"id":"c1","na')
      res.socket?.destroy()
    }
    const server = await scripted([cut, json(200, company)])
    await expect(clientFor(server.url).getCompany('c1')).resolves.toMatchObject({ id: 'c1' })
    expect(server.seen).toHaveLength(2)
  })
})
