import { describe, expect, it } from 'vitest'

import { RateLimitedError } from '../../errors.ts'
import { createKeyLimiters } from './rate-limit.ts'

function fakeClock() {
  let now = 1_000_000
  return {
    nowMs: () => now,
    advance: (ms: number) => {
      now += ms
    },
  }
}

describe('per-key PayFit limiter', () => {
  it('lets a burst of a fifth of a second through, then refuses with a Retry-After when the wait exceeds the bound', async () => {
    const clock = fakeClock()
    const limiter = createKeyLimiters({ readsPerSecond: 50, maxWaitMs: 0 }, clock).forKey('key-a')
    for (let i = 0; i < 10; i += 1) await limiter.acquire('read')

    const refused: unknown = await limiter.acquire('read').catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(RateLimitedError)
    expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(1)

    clock.advance(1_000)
    await expect(limiter.acquire('read')).resolves.toBeUndefined()
  })

  it('shares one budget per key and keeps keys and call kinds apart', async () => {
    const clock = fakeClock()
    const limiters = createKeyLimiters({ writesPerSecond: 20, maxWaitMs: 0 }, clock)
    for (let i = 0; i < 4; i += 1) await limiters.forKey('key-a').acquire('write')
    await expect(limiters.forKey('key-a').acquire('write')).rejects.toBeInstanceOf(RateLimitedError)
    await expect(limiters.forKey('key-a').acquire('read')).resolves.toBeUndefined()
    await expect(limiters.forKey('key-b').acquire('write')).resolves.toBeUndefined()
  })

  it('queues a caller whose wait is within the bound instead of refusing it', async () => {
    const limiter = createKeyLimiters({ readsPerSecond: 1_000, maxWaitMs: 1_000 }).forKey('key-a')
    const calls = Array.from({ length: 400 }, () => limiter.acquire('read'))
    await expect(Promise.all(calls)).resolves.toHaveLength(400)
  })
})
