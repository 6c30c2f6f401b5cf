import { createHash } from 'node:crypto'

import { RateLimitedError } from '../../errors.ts'
import type { CallKind, PayfitLimiter } from './client.ts'

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
 * No `windowMs` ever holds more calls than the rate, wherever the window starts: a sliding count
 * that a gateway's fixed windows can never exceed either. Slots are counted when they are handed
 * out, not booked ahead, so a busy event loop that wakes waiters late cannot bunch a second's
 * worth of late calls onto the next second's. The margin covers the moment between the slot and
 * the request reaching PayFit.
 */
const windowMs = 1_050

/** The times of the calls let through within the last window, oldest first. */
class Budget {
  private readonly sent: number[] = []

  constructor(readonly rate: number) {}

  hasRoom(now: number): boolean {
    while (this.sent.length > 0 && (this.sent[0] ?? now) <= now - windowMs) this.sent.shift()
    return this.sent.length < this.rate
  }

  /** When the oldest call leaves the window (only meaningful when full). */
  freesAt(): number {
    return (this.sent[0] ?? 0) + windowMs
  }

  take(now: number): void {
    this.sent.push(now)
  }
}

interface KeyState {
  budgets: Record<CallKind, Budget>
  waiting: Record<CallKind, number>
}

interface Waiter {
  key: KeyState
  kind: CallKind
  grant: () => void
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
  const budgetOf = (rate: number) => new Budget(Math.max(1, Math.floor(rate)))
  const global: Record<CallKind, Budget | null> = {
    read: settings.globalReadsPerSecond === null ? null : budgetOf(settings.globalReadsPerSecond),
    write:
      settings.globalWritesPerSecond === null ? null : budgetOf(settings.globalWritesPerSecond),
  }
  const globalWaiting: Record<CallKind, number> = { read: 0, write: 0 }
  /** Every waiting caller in arrival order; a caller whose budgets are full lets others pass. */
  const queue: Waiter[] = []
  let timer: ReturnType<typeof setTimeout> | null = null

  function hasRoom(key: KeyState, kind: CallKind, now: number): boolean {
    return key.budgets[kind].hasRoom(now) && (global[kind]?.hasRoom(now) ?? true)
  }

  function take(key: KeyState, kind: CallKind, now: number): void {
    key.budgets[kind].take(now)
    global[kind]?.take(now)
  }

  function pump(): void {
    timer = null
    const now = clock.nowMs()
    let wakeAt = Number.POSITIVE_INFINITY
    for (let i = 0; i < queue.length;) {
      const waiter = queue[i]
      if (waiter === undefined) break
      if (hasRoom(waiter.key, waiter.kind, now)) {
        take(waiter.key, waiter.kind, now)
        queue.splice(i, 1)
        waiter.key.waiting[waiter.kind] -= 1
        globalWaiting[waiter.kind] -= 1
        waiter.grant()
        continue
      }
      const shared = global[waiter.kind]
      const own = waiter.key.budgets[waiter.kind]
      const freesAt = own.hasRoom(now) ? (shared?.freesAt() ?? now) : own.freesAt()
      wakeAt = Math.min(wakeAt, freesAt)
      i += 1
    }
    if (queue.length > 0) timer = setTimeout(pump, Math.max(1, wakeAt - now))
  }

  function refuse(waiting: number, rate: number, why: string): never {
    throw new RateLimitedError(
      `Too many PayFit calls are queued ${why}; try again shortly`,
      Math.max(1, Math.ceil(((waiting + 1) / rate) * (windowMs / 1000))),
    )
  }

  function createLimiter(): PayfitLimiter {
    const key: KeyState = {
      budgets: {
        read: budgetOf(settings.readsPerSecond),
        write: budgetOf(settings.writesPerSecond),
      },
      waiting: { read: 0, write: 0 },
    }
    return {
      async acquire(kind) {
        const now = clock.nowMs()
        const aheadGlobally = global[kind] !== null && globalWaiting[kind] > 0
        if (key.waiting[kind] === 0 && !aheadGlobally && hasRoom(key, kind, now)) {
          take(key, kind, now)
          return
        }
        // Waiting longer than `maxWaitMs` is refused up front, from the callers already ahead.
        const seconds = settings.maxWaitMs / windowMs
        const own = key.budgets[kind]
        if (key.waiting[kind] + 1 > own.rate * seconds) {
          refuse(key.waiting[kind], own.rate, 'for this account')
        }
        const shared = global[kind]
        if (shared !== null && globalWaiting[kind] + 1 > shared.rate * seconds) {
          refuse(globalWaiting[kind], shared.rate, 'on this server')
        }
        if (queue.length >= settings.maxQueued) refuse(queue.length, own.rate, 'on this server')

        key.waiting[kind] += 1
        globalWaiting[kind] += 1
        await new Promise<void>((grant) => {
          queue.push({ key, kind, grant })
          if (timer === null) timer = setTimeout(pump, 0)
        })
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
    queued: () => queue.length,
  }
}
