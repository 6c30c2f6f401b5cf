/**
 * Slows down guessing of API keys and session tokens: after `maxFailures` failed
 * authentications within `windowMs`, a client address (or a presented secret) is refused with
 * 429 until the window ends. Refusing is immediate: a request is never held open, so an
 * attacker cannot pile up connections on us. A success clears the counters it is given (the
 * caller passes only the secret's: an address's failures expire with their window).
 *
 * Memory is bounded: the table keeps at most `maxEntries` subjects and evicts the least
 * recently touched one first, so a flood of distinct addresses costs a fixed amount.
 */
export interface AuthThrottleOptions {
  maxFailures: number
  windowMs: number
  maxEntries: number
}

export const defaultAuthThrottle: AuthThrottleOptions = {
  maxFailures: 20,
  windowMs: 60_000,
  maxEntries: 10_000,
}

interface Entry {
  failures: number
  windowStart: number
}

export interface AuthThrottle {
  /** Seconds to wait when any subject is over its budget, else undefined. */
  retryAfter(subjects: string[]): number | undefined
  recordFailure(subjects: string[]): void
  recordSuccess(subjects: string[]): void
  /** How many subjects are tracked (for the memory bound's test). */
  size(): number
}

export function createAuthThrottle(
  options: AuthThrottleOptions,
  now: () => number = Date.now,
): AuthThrottle {
  const entries = new Map<string, Entry>()

  function live(subject: string, at: number): Entry | undefined {
    const entry = entries.get(subject)
    if (entry === undefined) return undefined
    if (at - entry.windowStart >= options.windowMs) {
      entries.delete(subject)
      return undefined
    }
    return entry
  }

  function touch(subject: string, entry: Entry): void {
    // Re-inserting moves the subject to the end of the Map's order: the first key is the oldest.
    entries.delete(subject)
    entries.set(subject, entry)
    while (entries.size > options.maxEntries) {
      const oldest = entries.keys().next()
      if (oldest.done === true) break
      entries.delete(oldest.value)
    }
  }

  return {
    retryAfter(subjects) {
      const at = now()
      let wait: number | undefined
      for (const subject of subjects) {
        const entry = live(subject, at)
        if (entry === undefined || entry.failures < options.maxFailures) continue
        const seconds = Math.max(1, Math.ceil((entry.windowStart + options.windowMs - at) / 1000))
        wait = Math.max(wait ?? 0, seconds)
      }
      return wait
    },

    recordFailure(subjects) {
      const at = now()
      for (const subject of subjects) {
        const entry = live(subject, at) ?? { failures: 0, windowStart: at }
        entry.failures += 1
        touch(subject, entry)
      }
    },

    recordSuccess(subjects) {
      for (const subject of subjects) entries.delete(subject)
    },

    size: () => entries.size,
  }
}
