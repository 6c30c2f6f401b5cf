import { describe, expect, it } from 'vitest'

import {
  NotFoundError,
  ProviderError,
  ProviderTimeoutError,
  ProviderUnavailableError,
  RateLimitedError,
} from '../../../errors.ts'
import { patiently, type Patience } from './patient-pages.ts'

/** A page read that fails with `failures` in order, then answers with the token it was given. */
function scripted(failures: Error[]) {
  const asked: string[] = []
  const listPage = (token: string) => {
    asked.push(token)
    const failure = failures.shift()
    return failure === undefined ? Promise.resolve(`page after ${token}`) : Promise.reject(failure)
  }
  return { listPage, asked }
}

const quick: Patience = { deadline: Number.POSITIVE_INFINITY, pausesMs: [1, 1, 1] }

describe('a background walk asking again for a page', () => {
  it('asks for the same page after a passing failure, and answers with it', async () => {
    const { listPage, asked } = scripted([
      new RateLimitedError('PayFit is rate limiting this API key', 0),
      new ProviderUnavailableError('PayFit could not be reached'),
      new ProviderTimeoutError('PayFit did not answer in time'),
    ])
    const pauses: { attempt: number; kind: string }[] = []
    const read = patiently(listPage, {
      ...quick,
      onPause: ({ attempt, error }) => pauses.push({ attempt, kind: error.kind }),
    })
    await expect(read('token-7')).resolves.toBe('page after token-7')
    expect(asked).toEqual(['token-7', 'token-7', 'token-7', 'token-7'])
    expect(pauses).toEqual([
      { attempt: 1, kind: 'rate_limited' },
      { attempt: 2, kind: 'provider_unavailable' },
      { attempt: 3, kind: 'provider_timeout' },
    ])
  })

  it("asks again after PayFit's 5xx, never after a status that would repeat", async () => {
    const failed = (status: number) =>
      new ProviderError(`PayFit failed with status ${String(status)}`, [
        { status, url: null, raw: null },
      ])
    const { listPage, asked } = scripted([failed(503), failed(500), failed(501)])
    await expect(patiently(listPage, quick)('t')).rejects.toThrow('status 501')
    expect(asked).toHaveLength(3)
  })

  it('gives up once its pauses are spent', async () => {
    const failures = Array.from({ length: 4 }, () => new ProviderUnavailableError('down'))
    const { listPage, asked } = scripted(failures)
    await expect(patiently(listPage, quick)('t')).rejects.toThrow('down')
    expect(asked).toHaveLength(4)
  })

  it('never asks again after a failure that would repeat (a 404, a revoked key)', async () => {
    const { listPage, asked } = scripted([new NotFoundError('gone')])
    await expect(patiently(listPage, quick)('t')).rejects.toThrow('gone')
    expect(asked).toHaveLength(1)
  })

  it('waits at least as long as PayFit asked, and not past the deadline', async () => {
    const { listPage, asked } = scripted([new RateLimitedError('slow down', 30)])
    const patience = { deadline: Date.now() + 10_000, pausesMs: [1] }
    await expect(patiently(listPage, patience)('t')).rejects.toThrow('slow down')
    expect(asked).toHaveLength(1)
  })

  it('stops pausing when its work is stopped, and says so', async () => {
    const closing = new AbortController()
    const { listPage } = scripted([new ProviderUnavailableError('down')])
    const read = patiently(listPage, {
      deadline: Number.POSITIVE_INFINITY,
      signal: closing.signal,
      pausesMs: [60_000],
      onPause: () => {
        closing.abort()
      },
    })
    const error = await read('t').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProviderUnavailableError)
    expect((error as Error).message).toMatch(/stopped this work/)
  })
})
