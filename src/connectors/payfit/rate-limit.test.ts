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
  it('lets one second of budget through, then refuses with a Retry-After when the wait exceeds the bound', async () => {
    const clock = fakeClock()
    const limiter = createKeyLimiters({ readsPerSecond: 50, maxWaitMs: 0 }, clock).forKey('key-a')
    for (let i = 0; i < 50; i += 1) await limiter.acquire('read')

    const refused: unknown = await limiter.acquire('read').catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(RateLimitedError)
    expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(1)

    clock.advance(1_100)
    await expect(limiter.acquire('read')).resolves.toBeUndefined()
  })

  it('never grants more than the rate within any second, wherever the second starts', async () => {
    const clock = fakeClock()
    const granted: number[] = []
    const limiter = createKeyLimiters({ readsPerSecond: 10, maxWaitMs: 0 }, clock).forKey('key-a')
    for (let step = 0; step < 400; step += 1) {
      const ok = await limiter.acquire('read').then(
        () => true,
        () => false,
      )
      if (ok) granted.push(clock.nowMs())
      clock.advance(step % 7 === 0 ? 90 : 13)
    }
    for (const start of granted) {
      expect(granted.filter((at) => at >= start && at < start + 1_000).length).toBeLessThanOrEqual(
        10,
      )
    }
    expect(granted.length).toBeGreaterThan(30)
  })

  it('applies a global cap across keys when one is set', async () => {
    const clock = fakeClock()
    const limiters = createKeyLimiters({ globalReadsPerSecond: 3, maxWaitMs: 0 }, clock)
    for (const key of ['key-a', 'key-b', 'key-c']) await limiters.forKey(key).acquire('read')
    await expect(limiters.forKey('key-d').acquire('read')).rejects.toBeInstanceOf(RateLimitedError)
    await expect(limiters.forKey('key-d').acquire('write')).resolves.toBeUndefined()
  })

  it('refuses a caller at once when the queue of waiting callers is full', async () => {
    const limiters = createKeyLimiters({ readsPerSecond: 1, maxWaitMs: 60_000, maxQueued: 2 })
    await limiters.forKey('key-a').acquire('read')
    const waiting = [
      limiters.forKey('key-a').acquire('read'),
      limiters.forKey('key-a').acquire('read'),
    ]
    expect(limiters.queued()).toBe(2)
    await expect(limiters.forKey('key-a').acquire('read')).rejects.toBeInstanceOf(RateLimitedError)
    expect(limiters.queued()).toBe(2)
    await Promise.all(waiting)
  })

  it('shares one budget per key and keeps keys and call kinds apart', async () => {
    const clock = fakeClock()
    const limiters = createKeyLimiters({ writesPerSecond: 20, maxWaitMs: 0 }, clock)
    for (let i = 0; i < 20; i += 1) await limiters.forKey('key-a').acquire('write')
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
