import { afterEach, describe, expect, it } from 'vitest'

import { ProviderTimeoutError, ProviderUnavailableError } from '../../errors.ts'
import {
  absenceBody,
  clientFor,
  closeScriptedServers,
  company,
  hang,
  json,
  scripted,
} from './scripted-server.ts'
import { waitFor } from '../../../test/wait-for.ts'

afterEach(closeScriptedServers)

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

  it('abandons a hung call when its signal ends it, and calls nothing after', async () => {
    const server = await scripted([hang])
    const closing = new AbortController()
    const client = clientFor(server.url, { signal: closing.signal })
    const call = client.getCompany('c1').catch((caught: unknown) => caught)
    await waitFor('the hung call to reach the server', () =>
      server.seen.length === 1 ? true : undefined,
    )
    closing.abort()
    const error = await call
    expect(error).toBeInstanceOf(ProviderUnavailableError)
    expect((error as Error).message).toMatch(/closing/)
    await expect(client.getCompany('c1')).rejects.toBeInstanceOf(ProviderUnavailableError)
    expect(server.seen).toHaveLength(1)
  })

  it('reports an unreachable PayFit as unavailable', async () => {
    const server = await scripted([json(200, company)])
    await closeScriptedServers()
    const client = clientFor(server.url, { retry: { maxAttempts: 2, baseDelayMs: 1 } })
    await expect(client.getCompany('c1')).rejects.toBeInstanceOf(ProviderUnavailableError)
  })

  it('ends a call at the request deadline even when the call has time left', async () => {
    const server = await scripted([hang])
    const client = clientFor(server.url, {
      attemptTimeoutMs: 3_000,
      timeoutMs: 3_000,
      deadline: Date.now() + 200,
    })
    const error = await client.getCompany('c1').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProviderTimeoutError)
    expect((error as Error).message).toMatch(/request's deadline/)
    expect(server.seen).toHaveLength(1)
  })

  it('names the deadline it ran into when it is not the request deadline', async () => {
    const server = await scripted([hang])
    const client = clientFor(server.url, {
      attemptTimeoutMs: 3_000,
      timeoutMs: 3_000,
      deadline: Date.now() + 200,
      deadlineName: "the contract walk's deadline",
    })
    const error = await client.getCompany('c1').catch((caught: unknown) => caught)
    expect((error as Error).message).toBe(
      "PayFit did not answer within the contract walk's deadline",
    )
  })

  it('sends nothing once the request deadline has passed', async () => {
    const server = await scripted([json(200, company)])
    const client = clientFor(server.url, { deadline: Date.now() - 1 })
    await expect(client.getCompany('c1')).rejects.toBeInstanceOf(ProviderTimeoutError)
    expect(server.seen).toHaveLength(0)
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
        return Promise.resolve((_sent: boolean) => undefined)
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
      acquire: () =>
        new Promise<(sent: boolean) => void>((resolve) =>
          setTimeout(() => {
            resolve(() => undefined)
          }, 300),
        ),
    }
    const client = clientFor(server.url, { limiter, timeoutMs: 100 })
    await expect(client.getCompany('c1')).rejects.toBeInstanceOf(ProviderTimeoutError)
    expect(server.seen).toHaveLength(0)
  })
  it('gives every slot back once: sent after an attempt, unsent when nothing went out', async () => {
    const ends: boolean[] = []
    let acquired = 0
    const limiter = {
      acquire: () => {
        acquired += 1
        return Promise.resolve((sent: boolean) => {
          ends.push(sent)
        })
      },
    }
    const server = await scripted([
      json(429, { message: 'slow down' }, { 'retry-after': '0' }),
      json(200, company),
    ])
    await clientFor(server.url, { limiter }).getCompany('c1')
    expect(ends).toEqual([true, true])

    const closing = new AbortController()
    closing.abort()
    const closed = clientFor(server.url, { limiter, signal: closing.signal })
    await expect(closed.getCompany('c1')).rejects.toBeInstanceOf(ProviderUnavailableError)
    expect(ends).toEqual([true, true, false])
    expect(acquired).toBe(ends.length)
    expect(server.seen).toHaveLength(2)
  })
})
