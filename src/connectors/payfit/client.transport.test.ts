import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterEach, describe, expect, it } from 'vitest'

import {
  InvalidRequestError,
  ProviderError,
  ProviderSchemaError,
  ProviderTimeoutError,
  ProviderUnavailableError,
  RateLimitedError,
} from '../../errors.ts'
import { createLogger } from '../../log.ts'
import { createPayfitClient, MissingScopeError, type PayfitClientOptions } from './client.ts'

/*
 * Edge cases the sandbox cannot stage on demand (a hung socket, a cut body, exact headers),
 * served by a scripted HTTP server on loopback. Normal behaviour is tested against the sandbox.
 */

const apiKey = 'pk_test_0123456789abcdefghijklmnopqrstuvwxyz'

interface Seen {
  method: string
  url: string
  authorization: string | undefined
  body: string
}

type Step = (res: ServerResponse, req: IncomingMessage) => void

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Step =>
  (res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
const hang: Step = () => undefined

const servers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((close) => close()))
})

/** Answers the n-th request with the n-th step (the last step repeats). */
async function scripted(steps: Step[]) {
  const seen: Seen[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        body,
      })
      const step = steps[Math.min(seen.length, steps.length) - 1]
      step?.(res, req)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  servers.push(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve()
      })
    })
  })
  return { url, seen }
}

function memoryLogger() {
  const lines: string[] = []
  const logger = createLogger({
    level: 'debug',
    destination: { write: (line) => lines.push(line) },
  })
  return { logger, lines }
}

function clientFor(url: string, extra: Partial<PayfitClientOptions> = {}) {
  return createPayfitClient({
    apiUrl: url,
    oauthUrl: url,
    apiKey,
    logger: createLogger({ level: 'silent' }),
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: 5_000,
    ...extra,
  })
}

const company = { id: 'c1', name: 'Atelier', country: 'FR' }
const absenceBody = {
  contractId: 'k1',
  type: 'fr_rtt',
  startDate: { date: '2025-09-12', moment: 'beginning-of-day' },
  endDate: { date: '2025-09-12', moment: 'end-of-day' },
}

describe('PayFit client retries', () => {
  it('waits as Retry-After says rather than by its own backoff', async () => {
    const server = await scripted([
      json(429, { message: 'API rate limit exceeded' }, { 'retry-after': '0' }),
      json(200, company),
    ])
    // With a 60 s backoff and a 5 s deadline, only the header's 0 s lets the retry happen.
    const client = clientFor(server.url, { retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } })
    await expect(client.getCompany('c1')).resolves.toMatchObject({ name: 'Atelier' })
    expect(client.callCount).toBe(2)
  })

  it('falls back to RateLimit-Reset when Retry-After is absent', async () => {
    const server = await scripted([
      json(429, { message: 'API rate limit exceeded' }, { 'ratelimit-reset': '0' }),
      json(200, company),
    ])
    const client = clientFor(server.url, { retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } })
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
    const server = await scripted([
      json(429, { message: 'API rate limit exceeded' }, { 'retry-after': '0' }),
      json(201, { id: 'a1' }),
    ])
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

describe('PayFit client deadlines', () => {
  it('abandons a server that never answers a read', async () => {
    const server = await scripted([hang])
    const client = clientFor(server.url, { attemptTimeoutMs: 100, timeoutMs: 400 })
    await expect(client.getCompany('c1')).rejects.toBeInstanceOf(ProviderTimeoutError)
    expect(server.seen.length).toBeGreaterThanOrEqual(1)
  })

  it('sends a hung write once and reports that it may have been applied', async () => {
    const server = await scripted([hang])
    const client = clientFor(server.url, { attemptTimeoutMs: 100, timeoutMs: 400 })
    const error = await client.createAbsence('c1', absenceBody).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProviderTimeoutError)
    expect((error as Error).message).toMatch(/may or may not/)
    expect(server.seen).toHaveLength(1)
  })

  it('reports an unreachable PayFit as unavailable', async () => {
    const server = await scripted([json(200, company)])
    await Promise.all(servers.splice(0).map((close) => close()))
    const client = clientFor(server.url, { retry: { maxAttempts: 2, baseDelayMs: 1 } })
    await expect(client.getCompany('c1')).rejects.toBeInstanceOf(ProviderUnavailableError)
  })
})

describe('PayFit client limiter', () => {
  it('asks the limiter before every attempt, as a read or a write', async () => {
    const server = await scripted([
      json(503, {}),
      json(200, company),
      json(201, { id: 'a1' }),
      json(200, { active: false }),
    ])
    const kinds: string[] = []
    const limiter = {
      acquire: (kind: 'read' | 'write') => {
        kinds.push(kind)
        return Promise.resolve()
      },
    }
    const client = clientFor(server.url, { limiter })
    await client.getCompany('c1')
    await client.createAbsence('c1', absenceBody)
    await client.introspect()
    expect(kinds).toEqual(['read', 'read', 'write', 'read'])
  })

  it('counts the limiter wait against the deadline and then sends nothing', async () => {
    const server = await scripted([json(200, company)])
    const limiter = {
      acquire: () => new Promise<void>((resolve) => setTimeout(resolve, 300)),
    }
    const client = clientFor(server.url, { limiter, timeoutMs: 100 })
    await expect(client.getCompany('c1')).rejects.toBeInstanceOf(ProviderTimeoutError)
    expect(server.seen).toHaveLength(0)
  })
})

describe('PayFit client replies', () => {
  it('turns a 200 that is not JSON into a ProviderSchemaError without retrying', async () => {
    const notJson: Step = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"id": "c1", ')
    }
    const server = await scripted([notJson])
    await expect(clientFor(server.url).getCompany('c1')).rejects.toBeInstanceOf(ProviderSchemaError)
    expect(server.seen).toHaveLength(1)
  })

  it('carries PayFit details on a 400, with the key scrubbed out', async () => {
    const server = await scripted([
      json(400, {
        code: 400,
        error: 'Bad request',
        details: `Field "type" is invalid for ${apiKey}`,
      }),
    ])
    const error = await clientFor(server.url)
      .createAbsence('c1', absenceBody)
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect((error as InvalidRequestError).message).toContain('Field "type" is invalid')
    expect(
      JSON.stringify({ ...(error as object), message: (error as Error).message }),
    ).not.toContain(apiKey)
  })

  it('names the scope PayFit says is missing', async () => {
    const server = await scripted([
      json(403, { code: 403, error: 'Forbidden action', details: 'Missing scope "time:read".' }),
    ])
    const error = await clientFor(server.url)
      .listAbsences('c1')
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(MissingScopeError)
    expect((error as MissingScopeError).scope).toBe('time:read')
    expect((error as MissingScopeError).statusCode).toBe(403)
  })

  it('stops paging with an error when PayFit repeats a page token', async () => {
    const page = (token: string) =>
      json(200, { absences: [], meta: { nextPageToken: token, count: 0 } })
    const server = await scripted([
      json(200, {
        absences: [{ id: 'a1', ...absenceBody, status: 'approved' }],
        meta: { nextPageToken: 't1' },
      }),
      json(200, {
        absences: [{ id: 'a2', ...absenceBody, status: 'approved' }],
        meta: { nextPageToken: 't1' },
      }),
      page('t2'),
    ])
    const client = clientFor(server.url)
    const ids: string[] = []
    const walk = async () => {
      for await (const { items } of client.pages((query) => client.listAbsences('c1', query))) {
        ids.push(...items.map((absence) => absence.id))
      }
    }
    await expect(walk()).rejects.toThrow(/page token it had already sent/)
    expect(ids).toEqual(['a1', 'a2'])
    expect(server.seen.map((request) => request.url)).toEqual([
      '/companies/c1/absences?maxResults=50',
      '/companies/c1/absences?maxResults=50&nextPageToken=t1',
    ])
  })

  it('sends the key only as a Bearer header and never records or logs it', async () => {
    const server = await scripted([
      json(503, { message: 'down' }),
      json(200, { active: true, scope: 'collaborators:read', company_id: 'c1' }),
    ])
    const { logger, lines } = memoryLogger()
    const client = clientFor(server.url, { logger, captureRaw: true })
    await expect(client.introspect()).resolves.toMatchObject({ company_id: 'c1' })
    expect(server.seen[1]).toMatchObject({
      method: 'POST',
      url: '/introspect',
      authorization: `Bearer ${apiKey}`,
      body: JSON.stringify({ token: apiKey }),
    })
    expect(client.rawCalls[0]).toEqual({
      method: 'POST',
      url: `${server.url}/introspect`,
      status: 503,
      response: { message: 'down' },
    })
    expect(client.rawCalls[1]).toMatchObject({ status: 200, response: { active: true } })
    expect(lines.some((line) => line.includes('payfit call retried'))).toBe(true)
    expect([...lines, JSON.stringify(client.rawCalls)].join('\n')).not.toContain(apiKey)
  })
})
