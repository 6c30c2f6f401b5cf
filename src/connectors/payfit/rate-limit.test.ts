import { describe, expect, it } from 'vitest'

import { RateLimitedError } from '../../errors.ts'
import type { EndCall, PayfitLimiter } from './client.ts'
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

/** A call that ends as soon as it is let through. */
async function call(limiter: PayfitLimiter, kind: 'read' | 'write' = 'read') {
  const end = await limiter.acquire(kind)
  end(true)
}

describe('per-key PayFit limiter', () => {
  it('lets one second of budget through, then refuses with a Retry-After when the wait exceeds the bound', async () => {
    const clock = fakeClock()
    const limiter = createKeyLimiters({ readsPerSecond: 50, maxWaitMs: 0 }, clock).forKey('key-a')
    for (let i = 0; i < 50; i += 1) await call(limiter)

    const refused: unknown = await limiter.acquire('read').catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(RateLimitedError)
    expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(1)

    clock.advance(1_000)
    await expect(call(limiter)).resolves.toBeUndefined()
  })

  it('never lets more than the rate reach PayFit within any second, however late each call is sent', async () => {
    const clock = fakeClock()
    // Each call reaches PayFit somewhere between its slot and its reply: both ends are kept.
    const spans: { sent: number; replied: number }[] = []
    const limiter = createKeyLimiters({ readsPerSecond: 10, maxWaitMs: 0 }, clock).forKey('key-a')
    const inFlight: { end: EndCall; sent: number; repliesAt: number }[] = []
    for (let step = 0; step < 600; step += 1) {
      for (const open of inFlight.filter((candidate) => candidate.repliesAt <= clock.nowMs())) {
        open.end(true)
        spans.push({ sent: open.sent, replied: clock.nowMs() })
        inFlight.splice(inFlight.indexOf(open), 1)
      }
      const end = await limiter.acquire('read').catch(() => null)
      if (end !== null) {
        inFlight.push({ end, sent: clock.nowMs(), repliesAt: clock.nowMs() + (step % 5) * 40 })
      }
      clock.advance(step % 7 === 0 ? 90 : 13)
    }
    // The worst case for PayFit: every call arrives as late as it could (just before its reply).
    const arrivals = spans.map((span) => span.replied)
    for (const start of [...arrivals, ...spans.map((span) => span.sent)]) {
      const within = spans.filter(
        (span) => span.replied >= start && span.sent < start + 1_000,
      ).length
      expect(within).toBeLessThanOrEqual(10)
    }
    expect(spans.length).toBeGreaterThan(30)
  })

  it('keeps a call in flight on its slot until it ends, and one second after', async () => {
    const clock = fakeClock()
    const limiter = createKeyLimiters({ readsPerSecond: 1, maxWaitMs: 0 }, clock).forKey('key-a')
    const slow = await limiter.acquire('read')
    clock.advance(5_000)
    await expect(limiter.acquire('read')).rejects.toBeInstanceOf(RateLimitedError)
    slow(true)
    clock.advance(999)
    await expect(limiter.acquire('read')).rejects.toBeInstanceOf(RateLimitedError)
    clock.advance(1)
    await expect(call(limiter)).resolves.toBeUndefined()
  })

  it('lets a waiting caller through one second after a call in flight ends', async () => {
    const limiters = createKeyLimiters({ readsPerSecond: 1, maxWaitMs: 60_000 })
    const first = await limiters.forKey('key-a').acquire('read')
    const startedAt = Date.now()
    const waiting = limiters.forKey('key-a').acquire('read')
    expect(limiters.queued()).toBe(1)
    first(true)
    const second = await waiting
    second(true)
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(990)
    expect(limiters.queued()).toBe(0)
  })

  it('applies a global cap across keys when one is set', async () => {
    const clock = fakeClock()
    const limiters = createKeyLimiters({ globalReadsPerSecond: 3, maxWaitMs: 0 }, clock)
    for (const key of ['key-a', 'key-b', 'key-c']) await call(limiters.forKey(key))
    await expect(limiters.forKey('key-d').acquire('read')).rejects.toBeInstanceOf(RateLimitedError)
    await expect(call(limiters.forKey('key-d'), 'write')).resolves.toBeUndefined()
  })

  it('refuses a caller at once when the queue of waiting callers is full', async () => {
    const limiters = createKeyLimiters({ readsPerSecond: 1, maxWaitMs: 60_000, maxQueued: 2 })
    await call(limiters.forKey('key-a'))
    const waiting = [
      limiters.forKey('key-a').acquire('read'),
      limiters.forKey('key-a').acquire('read'),
    ]
    expect(limiters.queued()).toBe(2)
    await expect(limiters.forKey('key-a').acquire('read')).rejects.toBeInstanceOf(RateLimitedError)
    expect(limiters.queued()).toBe(2)
    ;(await waiting[0])?.(true)
    ;(await waiting[1])?.(true)
  })

  it('shares one budget per key and keeps keys and call kinds apart', async () => {
    const clock = fakeClock()
    const limiters = createKeyLimiters({ writesPerSecond: 20, maxWaitMs: 0 }, clock)
    for (let i = 0; i < 20; i += 1) await call(limiters.forKey('key-a'), 'write')
    await expect(limiters.forKey('key-a').acquire('write')).rejects.toBeInstanceOf(RateLimitedError)
    await expect(call(limiters.forKey('key-a'))).resolves.toBeUndefined()
    await expect(call(limiters.forKey('key-b'), 'write')).resolves.toBeUndefined()
  })

  it('queues a caller whose wait is within the bound instead of refusing it', async () => {
    const limiter = createKeyLimiters({ readsPerSecond: 1_000, maxWaitMs: 1_000 }).forKey('key-a')
    const calls = Array.from({ length: 400 }, () => call(limiter))
    await expect(Promise.all(calls)).resolves.toHaveLength(400)
  })
  it('refuses a waiting caller once it has waited maxWaitMs, when calls in flight keep their slots', async () => {
    const limiters = createKeyLimiters({ readsPerSecond: 10, maxWaitMs: 200 })
    const inFlight = await Promise.all(
      Array.from({ length: 10 }, () => limiters.forKey('key-a').acquire('read')),
    )
    const startedAt = Date.now()
    const refused: unknown = await limiters
      .forKey('key-a')
      .acquire('read')
      .catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(RateLimitedError)
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(190)
    expect(limiters.queued()).toBe(0)
    for (const end of inFlight) end(true)
  })

  it('gives the slot of a call that never reached PayFit back at once', async () => {
    const clock = fakeClock()
    const limiter = createKeyLimiters({ readsPerSecond: 1, maxWaitMs: 0 }, clock).forKey('key-a')
    const unsent = await limiter.acquire('read')
    unsent(false)
    await expect(call(limiter)).resolves.toBeUndefined()
    await expect(limiter.acquire('read')).rejects.toBeInstanceOf(RateLimitedError)
  })
  it('forgets the least recently used idle key past maxKeys, never one with calls in its window', async () => {
    const clock = fakeClock()
    const limiters = createKeyLimiters({ readsPerSecond: 1, maxWaitMs: 0, maxKeys: 2 }, clock)
    const busy = await limiters.forKey('key-a').acquire('read')
    await call(limiters.forKey('key-b'))
    clock.advance(1_000)
    await call(limiters.forKey('key-c'))
    const d = await limiters.forKey('key-d').acquire('read')
    // Every key is busy: none is forgotten, not even the one just made.
    await expect(limiters.forKey('key-d').acquire('read')).rejects.toBeInstanceOf(RateLimitedError)
    d(true)
    // key-a is still in flight: its schedule survived, so it has no room.
    await expect(limiters.forKey('key-a').acquire('read')).rejects.toBeInstanceOf(RateLimitedError)
    busy(true)
    clock.advance(1_000)
    await call(limiters.forKey('key-e'))
    await call(limiters.forKey('key-f'))
    // Idle now, key-a was forgotten: a fresh schedule, with room.
    await expect(call(limiters.forKey('key-a'))).resolves.toBeUndefined()
  })
})
