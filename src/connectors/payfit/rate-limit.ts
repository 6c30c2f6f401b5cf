import { createHash } from 'node:crypto'

import { RateLimitedError } from '../../errors.ts'
import type { CallKind, EndCall, PayfitLimiter } from './client.ts'

export interface PayfitRateLimits {
  readsPerSecond: number
  writesPerSecond: number
  /**
   * Caps across every key of this process, or null for none. PayFit counts per key, so the
   * default is none; a cap protects PayFit (and our sockets) when one hub serves many companies.
   */
  globalReadsPerSecond: number | null
  globalWritesPerSecond: number | null
  /**
   * A caller that would wait longer than this for a slot gets a 429 at once instead, and one
   * still waiting after it (calls in flight held their slots longer than foreseen) gets it then.
   */
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
 * No window of `windowMs` at PayFit ever holds more calls than the rate, wherever it starts. A
 * call takes its slot when it is let through and keeps it while it is in flight and for one
 * window after its reply came back: PayFit received it somewhere in between, so however late a
 * busy event loop sends it, it cannot land in a second that has already had its share. Calls
 * that answer in time t cost a slot for t + one window, so the rate actually reached is
 * rate / (1 + t in seconds): some 48 a second at 50 ms, the price of never being over.
 */
const windowMs = 1_000

/** The calls in flight, and when the ones that ended within the last window did, oldest first. */
class Budget {
  private inFlight = 0
  private readonly ended: number[] = []

  constructor(readonly rate: number) {}

  hasRoom(now: number): boolean {
    this.forgetOlderThanWindow(now)
    return this.inFlight + this.ended.length < this.rate
  }

  /** No call in flight or within the last window. */
  isIdle(now: number): boolean {
    this.forgetOlderThanWindow(now)
    return this.inFlight === 0 && this.ended.length === 0
  }

  private forgetOlderThanWindow(now: number): void {
    while (this.ended.length > 0 && (this.ended[0] ?? now) <= now - windowMs) this.ended.shift()
  }

  /** When the oldest ended call leaves the window; never while every slot is in flight. */
  freesAt(): number {
    const oldest = this.ended[0]
    return oldest === undefined ? Number.POSITIVE_INFINITY : oldest + windowMs
  }

  take(): void {
    this.inFlight += 1
  }

  /** A call that never reached PayFit gives its slot back at once. */
  end(now: number, sent: boolean): void {
    this.inFlight -= 1
    if (sent) this.ended.push(now)
  }
}

interface KeyState {
  budgets: Record<CallKind, Budget>
  waiting: Record<CallKind, number>
}

interface Waiter {
  key: KeyState
  kind: CallKind
  grant: (end: EndCall) => void
  refuse: (error: RateLimitedError) => void
  /** Past `maxWaitMs`, the caller is refused rather than kept waiting. */
  giveUpAt: number
}

export interface KeyLimiters {
  /** The limiter every request with this key shares. */
  forKey(apiKey: string): PayfitLimiter
  /** Callers waiting for a slot right now, all keys together. */
  queued(): number
}

export function createKeyLimiters(
  limits: Partial<PayfitRateLimits> = {},
  // Monotonic: a wall clock stepped back would hold every slot for as long as the step.
  clock: { nowMs: () => number } = { nowMs: () => performance.now() },
): KeyLimiters {
  const settings = { ...defaultPayfitRateLimits, ...limits }
  const limiters = new Map<string, { limiter: PayfitLimiter; key: KeyState }>()
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
  let timerAt = 0

  function hasRoom(key: KeyState, kind: CallKind, now: number): boolean {
    return key.budgets[kind].hasRoom(now) && (global[kind]?.hasRoom(now) ?? true)
  }

  /** Takes the slots, and returns what gives them back when the call has ended. */
  function take(key: KeyState, kind: CallKind): EndCall {
    const budgets = [key.budgets[kind], global[kind]].filter((budget) => budget !== null)
    for (const budget of budgets) budget.take()
    let ended = false
    return (sent) => {
      if (ended) return
      ended = true
      const now = clock.nowMs()
      for (const budget of budgets) budget.end(now, sent)
      if (queue.length > 0) schedule(sent ? now + windowMs : now, now)
    }
  }

  function leaveQueue(at: number, waiter: Waiter): void {
    queue.splice(at, 1)
    waiter.key.waiting[waiter.kind] -= 1
    globalWaiting[waiter.kind] -= 1
  }

  function schedule(at: number, now: number): void {
    if (!Number.isFinite(at)) return
    if (timer !== null) {
      if (timerAt <= at) return
      clearTimeout(timer)
    }
    timerAt = at
    timer = setTimeout(pump, Math.max(0, at - now))
  }

  function pump(): void {
    timer = null
    const now = clock.nowMs()
    let wakeAt = Number.POSITIVE_INFINITY
    for (let i = 0; i < queue.length;) {
      const waiter = queue[i]
      if (waiter === undefined) break
      if (hasRoom(waiter.key, waiter.kind, now)) {
        leaveQueue(i, waiter)
        waiter.grant(take(waiter.key, waiter.kind))
        continue
      }
      if (waiter.giveUpAt <= now) {
        leaveQueue(i, waiter)
        waiter.refuse(
          new RateLimitedError(
            `PayFit's budget for this account stayed full for ${String(settings.maxWaitMs)} ms; try again shortly`,
            1,
          ),
        )
        continue
      }
      const shared = global[waiter.kind]
      const own = waiter.key.budgets[waiter.kind]
      const freesAt = own.hasRoom(now) ? (shared?.freesAt() ?? now) : own.freesAt()
      wakeAt = Math.min(wakeAt, freesAt, waiter.giveUpAt)
      i += 1
    }
    if (queue.length > 0) schedule(Math.max(wakeAt, now + 1), now)
  }

  function refuse(waiting: number, rate: number, why: string): never {
    throw new RateLimitedError(
      `Too many PayFit calls are queued ${why}; try again shortly`,
      Math.max(1, Math.ceil(((waiting + 1) / rate) * (windowMs / 1000))),
    )
  }

  function createLimiter(key: KeyState): PayfitLimiter {
    return {
      async acquire(kind) {
        const now = clock.nowMs()
        const aheadGlobally = global[kind] !== null && globalWaiting[kind] > 0
        if (key.waiting[kind] === 0 && !aheadGlobally && hasRoom(key, kind, now)) {
          return take(key, kind)
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
        return new Promise<EndCall>((grant, refuse) => {
          queue.push({ key, kind, grant, refuse, giveUpAt: now + settings.maxWaitMs })
          schedule(now, now)
        })
      },
    }
  }

  /**
   * Past `maxKeys`, the least recently used key whose calls have all left their window is
   * forgotten. A key with calls in flight, waiting or within the last second is kept, however
   * many there are, and so is the key just asked for: a new, empty schedule for a key still in
   * use would let a second budget's worth through.
   */
  function forgetOneIdleKey(asked: string): void {
    if (limiters.size <= settings.maxKeys) return
    const now = clock.nowMs()
    for (const [id, { key }] of limiters) {
      const idle =
        id !== asked &&
        key.waiting.read + key.waiting.write === 0 &&
        key.budgets.read.isIdle(now) &&
        key.budgets.write.isIdle(now)
      if (idle) {
        limiters.delete(id)
        return
      }
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
        return existing.limiter
      }
      const key: KeyState = {
        budgets: {
          read: budgetOf(settings.readsPerSecond),
          write: budgetOf(settings.writesPerSecond),
        },
        waiting: { read: 0, write: 0 },
      }
      const limiter = createLimiter(key)
      limiters.set(id, { limiter, key })
      forgetOneIdleKey(id)
      return limiter
    },
    queued: () => queue.length,
  }
}
