import { createRequire } from 'node:module'

import { percentile } from './stats.ts'

/** The part of autocannon's options and result the scenarios use (it ships no types). */
export interface AutocannonRequest {
  method?: string
  path?: string
  headers?: Record<string, string>
  setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest
  onResponse?: (
    status: number,
    body: string,
    context: Record<string, unknown>,
    headers: Record<string, string>,
  ) => void
}

export interface AutocannonOptions {
  url: string
  connections: number
  duration?: number
  amount?: number
  headers?: Record<string, string>
  requests?: AutocannonRequest[]
  timeout?: number
}

export interface AutocannonResult {
  latency: { p50: number; p99: number; average: number; max: number }
  requests: { average: number; total: number }
  duration: number
  errors: number
  timeouts: number
  non2xx: number
  '2xx': number
  '4xx': number
  '5xx': number
  statusCodeStats: Record<string, { count: number }>
}

type Autocannon = (options: AutocannonOptions) => Promise<AutocannonResult>

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

/** One autocannon run; the duration is in seconds and bounds the run. */
export function runAutocannon(options: AutocannonOptions): Promise<AutocannonResult> {
  return autocannon({ timeout: 30, ...options })
}

export interface LoopResult {
  iterations: number
  failures: number
  /** Statuses seen, counted. */
  statuses: Record<string, number>
  latenciesMs: number[]
  p50Ms: number
  p99Ms: number
  perSecond: number
  elapsedMs: number
}

/**
 * A closed loop: `connections` workers each run `iteration` back to back for `durationMs`
 * (and at most `maxIterations` in total). `iteration` returns the HTTP statuses it got.
 */
export async function closedLoop(options: {
  connections: number
  durationMs: number
  maxIterations: number
  iteration: () => Promise<number[]>
}): Promise<LoopResult> {
  const latenciesMs: number[] = []
  const statuses: Record<string, number> = {}
  let failures = 0
  let started = 0
  const begin = performance.now()
  const end = begin + options.durationMs

  async function worker(): Promise<void> {
    while (performance.now() < end && started < options.maxIterations) {
      started += 1
      const t0 = performance.now()
      try {
        const got = await options.iteration()
        latenciesMs.push(performance.now() - t0)
        for (const status of got) statuses[status] = (statuses[status] ?? 0) + 1
        if (got.some((status) => status >= 300)) failures += 1
      } catch {
        failures += 1
        statuses.error = (statuses.error ?? 0) + 1
      }
    }
  }

  await Promise.all(Array.from({ length: options.connections }, () => worker()))
  const elapsedMs = performance.now() - begin
  return {
    iterations: latenciesMs.length,
    failures,
    statuses,
    latenciesMs,
    p50Ms: percentile(latenciesMs, 50),
    p99Ms: percentile(latenciesMs, 99),
    perSecond: (latenciesMs.length / elapsedMs) * 1000,
    elapsedMs,
  }
}

/** GET with the body read to the end; returns the status and the body text. */
export async function getText(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(url, { headers })
  const text = await response.text()
  return { status: response.status, text, headers: response.headers }
}

export function basicAuth(apiKey: string): string {
  return `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`
}
