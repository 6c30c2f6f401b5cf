import { keepable, readKept } from '../reply-source.ts'

export interface CacheLimits {
  ttlMs: number
  /** Entries kept across all accounts; the least recently used goes first. */
  maxEntries: number
  /** Items (collaborators, contracts…) kept across all entries; a bigger load is not kept. */
  maxWeight: number
}

/*
 * Short-lived reads shared by the requests of one hub process. Keys start with the account and
 * a fingerprint of its key, so accounts never see each other's data and a relinked key starts
 * afresh. A load in flight is shared: concurrent requests wait for one PayFit walk instead of
 * each starting their own. A failed load is dropped at once, never cached. The lifetime starts
 * when a load ends: a contract walk longer than the lifetime would otherwise expire as it
 * finished and be walked again by the next request.
 */
export const defaultCacheLimits: CacheLimits = {
  ttlMs: 30_000,
  maxEntries: 500,
  maxWeight: 200_000,
}

/**
 * How long a load with `handOver` is kept once it ended, whatever the limits, until a request
 * comes back for it: the requests that waited for a walk in the background have answered 408 by
 * then, and their retries (a second later, as told) must find it, or each would walk again.
 */
const handOverMs = 10_000

interface Entry {
  /** The load; once it settled, with `asReply`, what parses its reply again. */
  value: Promise<unknown> | (() => unknown)
  /** Infinity while the load is in flight, so its waiters always share it. */
  expiresAtMs: number
  weight: number
  ttlMs: number
  /** When the load ended (Infinity while in flight). */
  loadedAtMs: number
  /** Too heavy to count in the cache: kept for the hand-over only, never for longer. */
  heavy: boolean
  handOver: boolean
}

export interface CacheUse {
  /** This entry's lifetime, when shorter than the cache's `ttlMs`. */
  ttlMs?: number
  /**
   * This use gives the entry its lifetime again, up to this long after its load: a walk that
   * keeps coming back to it (a client paging through a large company) keeps one snapshot.
   */
  keepWhileUsedMs?: number
  /** A walk others wait for in the background: kept `handOverMs` after it ends, whatever the limits. */
  handOver?: boolean
  /** Kept as the PayFit reply it was parsed from, and parsed again at each use (reply-source.ts). */
  asReply?: boolean
}

export interface ReadCache {
  /** The cached value, else the result of `load`, kept when its weight fits. */
  get<T>(
    key: string,
    load: () => Promise<T>,
    weigh: (value: T) => number,
    use?: CacheUse,
  ): Promise<T>
  /** The cached value when one is fresh (settled or in flight), without loading. */
  peek<T>(key: string): Promise<T> | undefined
  /** Whether a fresh value (settled or in flight) is cached, without reading it. */
  has(key: string): boolean
  /** Drops every settled entry whose key starts with `prefix` (an account's, after it wrote). */
  invalidate(prefix: string): void
}

export function createReadCache(
  limits: Partial<CacheLimits> = {},
  clock: { nowMs: () => number } = { nowMs: () => Date.now() },
): ReadCache {
  const settings = { ...defaultCacheLimits, ...limits }
  const entries = new Map<string, Entry>()
  let totalWeight = 0

  function drop(key: string, entry: Entry): void {
    if (entries.get(key) !== entry) return
    entries.delete(key)
    totalWeight -= entry.weight
  }

  function fresh(key: string, use: CacheUse = {}): Entry | undefined {
    const entry = entries.get(key)
    if (entry === undefined) return undefined
    const now = clock.nowMs()
    if (entry.expiresAtMs <= now) {
      drop(key, entry)
      return undefined
    }
    if (use.keepWhileUsedMs !== undefined && Number.isFinite(entry.loadedAtMs) && !entry.heavy) {
      const lastMs = entry.loadedAtMs + use.keepWhileUsedMs
      entry.expiresAtMs = Math.max(entry.expiresAtMs, Math.min(now + entry.ttlMs, lastMs))
    }
    entries.delete(key)
    entries.set(key, entry)
    return entry
  }

  let sweptAtMs = Number.NEGATIVE_INFINITY

  /** Drops expired entries nobody asked for again (a walk's pages), at most once a second. */
  function sweep(): void {
    const now = clock.nowMs()
    if (now - sweptAtMs < 1_000) return
    sweptAtMs = now
    for (const [key, entry] of entries) {
      if (entry.expiresAtMs <= now) drop(key, entry)
    }
  }

  // A load in flight is never evicted (its waiters would otherwise start a second one beside it),
  // nor one within its hand-over.
  function evict(): void {
    sweep()
    const handingOver = clock.nowMs() - handOverMs
    for (const [key, entry] of entries) {
      if (entries.size <= settings.maxEntries && totalWeight <= settings.maxWeight) return
      const handingOverNow = entry.handOver && entry.loadedAtMs > handingOver
      if (Number.isFinite(entry.expiresAtMs) && !handingOverNow) drop(key, entry)
    }
  }

  return {
    peek<T>(key: string) {
      const entry = fresh(key)
      return entry === undefined ? undefined : (readKept(entry.value) as Promise<T>)
    },

    has(key: string) {
      return fresh(key) !== undefined
    },

    invalidate(prefix: string) {
      // A load in flight stays: dropping it would start a second one beside it, for every write
      // (even a refused one) during a long contract walk; it is no older than a settled entry.
      for (const [key, entry] of entries) {
        if (key.startsWith(prefix) && Number.isFinite(entry.expiresAtMs)) drop(key, entry)
      }
    },

    get<T>(key: string, load: () => Promise<T>, weigh: (value: T) => number, use: CacheUse = {}) {
      const cached = fresh(key, use)
      if (cached !== undefined) {
        // A request came back for it: its hand-over is done, and the bounds apply again.
        if (Number.isFinite(cached.loadedAtMs)) cached.handOver = false
        return readKept(cached.value) as Promise<T>
      }

      const value = load()
      const entry: Entry = {
        value,
        expiresAtMs: Number.POSITIVE_INFINITY,
        weight: 0,
        ttlMs: Math.min(use.ttlMs ?? settings.ttlMs, settings.ttlMs),
        loadedAtMs: Number.POSITIVE_INFINITY,
        heavy: false,
        handOver: use.handOver === true,
      }
      entries.set(key, entry)
      evict()
      value.then(
        (loaded) => {
          const weight = weigh(loaded)
          if (entries.get(key) !== entry) return
          entry.loadedAtMs = clock.nowMs()
          entry.expiresAtMs = entry.loadedAtMs + entry.ttlMs
          if (weight > settings.maxWeight) {
            if (!entry.handOver) {
              drop(key, entry)
              return
            }
            entry.heavy = true
            entry.expiresAtMs = entry.loadedAtMs + Math.min(entry.ttlMs, handOverMs)
            return
          }
          entry.weight = weight
          totalWeight += weight
          if (use.asReply === true && typeof loaded === 'object' && loaded !== null) {
            entry.value = keepable(loaded)
          }
          evict()
        },
        () => {
          drop(key, entry)
        },
      )
      return value
    },
  }
}
