/**
 * Counts what the sandbox saw, so benchmarks can check a client's manners: requests per route
 * and status, per key (by non-secret key id) and in total, and the most requests received and
 * accepted within any sliding one-second window.
 */
class WindowPeak {
  private readonly times: number[] = []
  private head = 0
  peak = 0

  record(nowMs: number): void {
    this.times.push(nowMs)
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= nowMs - 1000)
      this.head++
    this.peak = Math.max(this.peak, this.times.length - this.head)
    if (this.head > 4096) {
      this.times.splice(0, this.head)
      this.head = 0
    }
  }
}

interface Counters {
  requests: number
  byStatus: Record<string, number>
  byRoute: Record<string, Record<string, number>>
  received: WindowPeak
  accepted: WindowPeak
}

export interface CountersSnapshot {
  requests: number
  byStatus: Record<string, number>
  byRoute: Record<string, Record<string, number>>
  peakPerSecond: { received: number; accepted: number }
}

export interface StatsSnapshot {
  since: string
  global: CountersSnapshot
  keys: Record<string, CountersSnapshot>
}

function emptyCounters(): Counters {
  return {
    requests: 0,
    byStatus: {},
    byRoute: {},
    received: new WindowPeak(),
    accepted: new WindowPeak(),
  }
}

export class Stats {
  private since = new Date()
  private global = emptyCounters()
  private keys = new Map<string, Counters>()

  /** On arrival; `keyId` is null for requests without a known key. */
  received(keyId: string | null, nowMs: number): void {
    this.global.received.record(nowMs)
    if (keyId !== null) this.forKey(keyId).received.record(nowMs)
  }

  /** Once the rate limiter let the request through. */
  accepted(keyId: string | null, nowMs: number): void {
    this.global.accepted.record(nowMs)
    if (keyId !== null) this.forKey(keyId).accepted.record(nowMs)
  }

  /** When answered; a reset connection is counted under the status `reset`. */
  answered(route: string, status: string, keyId: string | null): void {
    count(this.global, route, status)
    if (keyId !== null) count(this.forKey(keyId), route, status)
  }

  snapshot(): StatsSnapshot {
    return {
      since: this.since.toISOString(),
      global: snapshotOf(this.global),
      keys: Object.fromEntries([...this.keys].map(([id, counters]) => [id, snapshotOf(counters)])),
    }
  }

  reset(): void {
    this.since = new Date()
    this.global = emptyCounters()
    this.keys = new Map()
  }

  private forKey(keyId: string): Counters {
    let counters = this.keys.get(keyId)
    if (counters === undefined) {
      counters = emptyCounters()
      this.keys.set(keyId, counters)
    }
    return counters
  }
}

function count(counters: Counters, route: string, status: string): void {
  counters.requests++
  counters.byStatus[status] = (counters.byStatus[status] ?? 0) + 1
  const perRoute = (counters.byRoute[route] ??= {})
  perRoute[status] = (perRoute[status] ?? 0) + 1
}

function snapshotOf(counters: Counters): CountersSnapshot {
  return {
    requests: counters.requests,
    byStatus: { ...counters.byStatus },
    byRoute: structuredClone(counters.byRoute),
    peakPerSecond: { received: counters.received.peak, accepted: counters.accepted.peak },
  }
}
