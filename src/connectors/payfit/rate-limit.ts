import { createHash } from 'node:crypto'

import { RateLimitedError } from '../../errors.ts'
import type { PayfitLimiter } from './client.ts'

export interface PayfitRateLimits {
  readsPerSecond: number
  writesPerSecond: number
  /**
   * Caps across every key of this process, or null for none. PayFit counts per key, so the
   * default is none; a cap protects PayFit (and our sockets) when one hub serves many companies.
   */
  globalReadsPerSecond: number | null
  globalWritesPerSecond: number | null
  /** A caller that would wait longer than this for a slot gets a 429 at once instead. */
  maxWaitMs: number
  /** Callers waiting for a slot at once, all keys together; the next one gets a 429. */
  maxQueued: number
  /** Keys tracked at once; the least recently used is forgotten past it. */
  maxKeys: number
}

/*
 * PayFit allows 50 reads and 20 writes a second per application (payfit-api §7), behind a Kong
 * gateway that counts per one-second window. Every request of this hub process that uses one API
 * key draws from that key's schedule, so concurrent unified requests for one account queue here
 * instead of collecting 429s upstream.
 */
export const defaultPayfitRateLimits: PayfitRateLimits = {
  readsPerSecond: 50,
  writesPerSecond: 20,
  globalReadsPerSecond: null,
  globalWritesPerSecond: null,
  maxWaitMs: 2_000,
  maxQueued: 1_000,
  maxKeys: 1_000,
}

/*
 * A slot is granted so that no `windowMs` ever holds more than the rate, wherever the window
 * starts: the sliding count is what a gateway's fixed windows can never exceed either. The margin
 * covers the time between the slot and the request reaching PayFit (timers fire late, sockets
 * take a moment), which could otherwise squeeze two slots a little closer than a second.
 */
const windowMs = 1_050

/** The granted times of one budget's last `rate` slots, oldest first. */
class Schedule {
  private readonly slots: number[] = []

  constructor(private readonly rate: number) {}

  /** The earliest time a new slot may take, never before the last one granted. */
  earliest(now: number): number {
    const last = this.slots.at(-1) ?? now
    const oldest = this.slots.length >= this.rate ? (this.slots[0] ?? now) + windowMs : now
    return Math.max(now, last, oldest)
  }

  take(at: number): void {
    this.slots.push(at)
    if (this.slots.length > this.rate) this.slots.splice(0, this.slots.length - this.rate)
  }
}

export interface KeyLimiters {
  /** The limiter every request with this key shares. */
  forKey(apiKey: string): PayfitLimiter
  /** Callers waiting for a slot right now, all keys together. */
  queued(): number
}

export function createKeyLimiters(
  limits: Partial<PayfitRateLimits> = {},
  clock: { nowMs: () => number } = { nowMs: () => Date.now() },
): KeyLimiters {
  const settings = { ...defaultPayfitRateLimits, ...limits }
  const limiters = new Map<string, PayfitLimiter>()
  const global = {
    read: schedule(settings.globalReadsPerSecond),
    write: schedule(settings.globalWritesPerSecond),
  }
  let queued = 0

  function schedule(rate: number | null): Schedule | null {
    return rate === null ? null : new Schedule(Math.max(1, Math.floor(rate)))
  }

  function refuse(waitMs: number, why: string): never {
    throw new RateLimitedError(
      `Too many PayFit calls are queued ${why}; try again shortly`,
      Math.max(1, Math.ceil(waitMs / 1000)),
    )
  }

  function createLimiter(): PayfitLimiter {
    const own = {
      read: new Schedule(Math.max(1, Math.floor(settings.readsPerSecond))),
      write: new Schedule(Math.max(1, Math.floor(settings.writesPerSecond))),
    }
    return {
      async acquire(kind) {
        const now = clock.nowMs()
        const shared = global[kind]
        const at = Math.max(own[kind].earliest(now), shared?.earliest(now) ?? now)
        const waitMs = at - now
        if (waitMs > settings.maxWaitMs) refuse(waitMs, 'for this account')
        if (waitMs > 0 && queued >= settings.maxQueued) refuse(waitMs, 'on this server')
        own[kind].take(at)
        shared?.take(at)
        if (waitMs <= 0) return
        queued += 1
        try {
          await new Promise((resolve) => setTimeout(resolve, waitMs))
        } finally {
          queued -= 1
        }
      },
    }
  }

  return {
    forKey(apiKey) {
      // Keyed by a digest so the map never holds the key itself.
      const id = createHash('sha256').update(apiKey).digest('base64url')
      const existing = limiters.get(id)
      if (existing !== undefined) {
        limiters.delete(id)
        limiters.set(id, existing)
        return existing
      }
      const limiter = createLimiter()
      limiters.set(id, limiter)
      if (limiters.size > settings.maxKeys) {
        const oldest = limiters.keys().next()
        if (oldest.done !== true) limiters.delete(oldest.value)
      }
      return limiter
    },
    queued: () => queued,
  }
}
