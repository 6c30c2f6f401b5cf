import { describe, expect, it } from 'vitest'

import { createAuthThrottle } from './auth-throttle.ts'

function throttleWithClock(maxEntries = 100) {
  let now = 0
  const throttle = createAuthThrottle({ maxFailures: 3, windowMs: 10_000, maxEntries }, () => now)
  return { throttle, advance: (ms: number) => (now += ms) }
}

describe('auth throttle', () => {
  it('lets failures through until the budget is spent, then asks to wait for the window', () => {
    const { throttle, advance } = throttleWithClock()
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(throttle.retryAfter(['address:a'])).toBeUndefined()
      throttle.recordFailure(['address:a'])
    }
    expect(throttle.retryAfter(['address:a'])).toBe(10)
    advance(4_500)
    expect(throttle.retryAfter(['address:a'])).toBe(6)
    advance(5_500)
    expect(throttle.retryAfter(['address:a'])).toBeUndefined()
  })

  it('refuses when any of the subjects is over budget', () => {
    const { throttle } = throttleWithClock()
    for (let attempt = 0; attempt < 3; attempt++) throttle.recordFailure(['secret:s'])
    expect(throttle.retryAfter(['address:other', 'secret:s'])).toBe(10)
    expect(throttle.retryAfter(['address:other'])).toBeUndefined()
  })

  it('forgets the failures of a subject once it authenticates', () => {
    const { throttle } = throttleWithClock()
    throttle.recordFailure(['address:a'])
    throttle.recordFailure(['address:a'])
    throttle.recordSuccess(['address:a'])
    throttle.recordFailure(['address:a'])
    throttle.recordFailure(['address:a'])
    expect(throttle.retryAfter(['address:a'])).toBeUndefined()
  })

  it('keeps at most maxEntries subjects, evicting the least recently failed first', () => {
    const { throttle } = throttleWithClock(50)
    for (let attempt = 0; attempt < 3; attempt++) throttle.recordFailure(['address:attacker'])
    for (let index = 0; index < 49; index++) throttle.recordFailure([`address:${String(index)}`])
    expect(throttle.size()).toBe(50)
    expect(throttle.retryAfter(['address:attacker'])).toBe(10)

    for (let index = 49; index < 10_000; index++)
      throttle.recordFailure([`address:${String(index)}`])
    expect(throttle.size()).toBe(50)
    expect(throttle.retryAfter(['address:attacker'])).toBeUndefined()
  })
})
