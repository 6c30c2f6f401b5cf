import { createHash } from 'node:crypto'

import { RateLimitedError } from '../../errors.ts'
import type { CallKind, PayfitLimiter } from './client.ts'

export interface PayfitRateLimits {
  readsPerSecond: number
  writesPerSecond: number
  /** A caller that would wait longer than this for a slot gets a 429 at once instead. */
  maxWaitMs: number
  /** Keys tracked at once; the least recently used is forgotten past it. */
  maxKeys: number
}

/*
 * PayFit allows 50 reads and 20 writes a second per application (payfit-api §7). Every request
 * of this hub process that uses one API key draws from that key's buckets, so concurrent unified
 * requests for one account queue here instead of collecting 429s upstream. A bucket holds a
 * fifth of a second of budget: a quiet key may burst a little, never a whole second's worth.
 */
export const defaultPayfitRateLimits: PayfitRateLimits = {
  readsPerSecond: 50,
  writesPerSecond: 20,
  maxWaitMs: 2_000,
  maxKeys: 1_000,
}

const burstSeconds = 0.2

interface Bucket {
  /** May go below zero: each waiting caller has reserved its slot. */
  tokens: number
  updatedMs: number
}

export interface KeyLimiters {
  /** The limiter every request with this key shares. */
  forKey(apiKey: string): PayfitLimiter
}

export function createKeyLimiters(
  limits: Partial<PayfitRateLimits> = {},
  clock: { nowMs: () => number } = { nowMs: () => Date.now() },
): KeyLimiters {
  const settings = { ...defaultPayfitRateLimits, ...limits }
  const limiters = new Map<string, PayfitLimiter>()

  function rateOf(kind: CallKind): number {
    return kind === 'read' ? settings.readsPerSecond : settings.writesPerSecond
  }

  function createLimiter(): PayfitLimiter {
    const buckets = new Map<CallKind, Bucket>()
    return {
      async acquire(kind) {
        const rate = rateOf(kind)
        const capacity = Math.max(1, rate * burstSeconds)
        const now = clock.nowMs()
        const bucket = buckets.get(kind) ?? { tokens: capacity, updatedMs: now }
        buckets.set(kind, bucket)
        bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedMs) / 1000) * rate)
        bucket.updatedMs = now

        const waitMs = bucket.tokens >= 1 ? 0 : ((1 - bucket.tokens) / rate) * 1000
        if (waitMs > settings.maxWaitMs) {
          throw new RateLimitedError(
            'Too many PayFit calls are queued for this account; try again shortly',
            Math.max(1, Math.ceil(waitMs / 1000)),
          )
        }
        bucket.tokens -= 1
        if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs))
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
  }
}
