export type RequestKind = 'read' | 'write'

export interface RateLimits {
  readsPerSecond: number
  writesPerSecond: number
}

export interface RateDecision {
  isAllowed: boolean
  limit: number
  remaining: number
  /** Whole seconds until the bucket is full again (RateLimit-Reset), at least 1 when throttled. */
  resetSeconds: number
  retryAfterSeconds: number
}

interface Bucket {
  tokens: number
  updatedMs: number
}

/**
 * One token bucket per key and kind (reference §7: 50 reads/s, 20 writes/s per application; for
 * customer API keys the application is taken to be the key, guess §13.24). A bucket holds one
 * second of budget, so a quiet client may burst up to the limit at once.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>()

  constructor(private readonly limits: RateLimits) {}

  limitFor(kind: RequestKind): number {
    return kind === 'read' ? this.limits.readsPerSecond : this.limits.writesPerSecond
  }

  take(keyId: string, kind: RequestKind, nowMs: number): RateDecision {
    const limit = this.limitFor(kind)
    const name = `${keyId}:${kind}`
    const bucket = this.buckets.get(name) ?? { tokens: limit, updatedMs: nowMs }
    this.buckets.set(name, bucket)

    bucket.tokens = Math.min(limit, bucket.tokens + ((nowMs - bucket.updatedMs) / 1000) * limit)
    bucket.updatedMs = nowMs
    const isAllowed = bucket.tokens >= 1
    if (isAllowed) bucket.tokens -= 1

    const missing = limit - bucket.tokens
    return {
      isAllowed,
      limit,
      remaining: Math.floor(bucket.tokens),
      resetSeconds: Math.max(isAllowed ? 0 : 1, Math.ceil(missing / limit)),
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / limit)),
    }
  }
}

export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    'ratelimit-limit': String(decision.limit),
    'ratelimit-remaining': String(decision.remaining),
    'ratelimit-reset': String(decision.resetSeconds),
    'x-ratelimit-limit-second': String(decision.limit),
    'x-ratelimit-remaining-second': String(decision.remaining),
  }
}
