import type { FaultConfig } from '../../../src/sandbox/index.ts'
import type { UpstreamTarget } from './upstream-calls.ts'

type Rule = Omit<FaultConfig['rules'][number], 'route'>

/** What the hub must answer for one cell, and how many PayFit attempts it may make. */
export interface Expectation {
  statuses: number[]
  /** Bounds on the attempts at the faulted route, given the attempts of a fault-free call. */
  attempts(baseline: number): [min: number, max: number]
  /** A failed write must say its outcome is unknown. */
  uncertainWrite: boolean
}

export interface FaultCase {
  name: string
  rule: Rule
  expect(target: UpstreamTarget): Expectation
}

/** The client's attempt cap (`defaultRetry.maxAttempts` in src/connectors/payfit/client.ts). */
const maxAttempts = 4

const same = (baseline: number): [number, number] => [baseline, baseline]

function succeeds(target: UpstreamTarget, attempts = same): Expectation {
  return { statuses: [target.success], attempts, uncertainWrite: false }
}

/** A failure PayFit may or may not have acted on: reads retry, writes never do. */
function unsafeFailure(target: UpstreamTarget, alsoOk = false): Expectation {
  const statuses = alsoOk ? [502, target.success] : [502]
  return target.kind === 'read'
    ? { statuses, attempts: () => [2, maxAttempts], uncertainWrite: false }
    : { statuses, attempts: () => [1, 1], uncertainWrite: true }
}

export function faultCases(timeoutLatencyMs: number): FaultCase[] {
  return [
    {
      name: 'a latency spike',
      rule: { latencyMs: 250, jitterMs: 100 },
      expect: (target) => succeeds(target),
    },
    {
      // One 429 with Retry-After: 1; the deadline leaves room to wait it out, writes included.
      name: 'a 429 burst',
      rule: { tooManyRequestsBurst: 1 },
      expect: (target) => succeeds(target, (baseline) => [baseline + 1, baseline + 1]),
    },
    {
      name: '429 on every call',
      rule: { tooManyRequestsRate: 1 },
      expect: () => ({ statuses: [429], attempts: () => [1, maxAttempts], uncertainWrite: false }),
    },
    ...([500, 502, 503] as const).map((status): FaultCase => ({
      name: `PayFit ${String(status)}`,
      rule: { errorRates: { [status]: 1 } },
      expect: (target) => unsafeFailure(target),
    })),
    {
      name: 'a timeout',
      rule: { latencyMs: timeoutLatencyMs },
      expect: (target) => ({
        statuses: [502],
        // One attempt uses the whole deadline: nothing is left to retry in.
        attempts: () => [1, 1],
        uncertainWrite: target.kind === 'write',
      }),
    },
    {
      name: 'a connection reset',
      rule: { resetRate: 1 },
      expect: (target) => unsafeFailure(target),
    },
    {
      name: 'a truncated body',
      rule: { truncatedBodyRate: 1 },
      expect: (target) => unsafeFailure(target, target.payfitBody === 'empty'),
    },
    {
      name: 'malformed JSON',
      rule: { malformedJsonRate: 1 },
      expect: (target) =>
        target.payfitBody !== 'json'
          ? succeeds(target)
          : {
              statuses: [502],
              // The same request would get the same body: no retry, reads included.
              attempts: () => [1, 1],
              uncertainWrite: target.kind === 'write',
            },
    },
    {
      name: 'a repeated page token',
      rule: { repeatNextPageToken: true },
      expect: (target) =>
        target.paged
          ? {
              statuses: [target.success, 502],
              attempts: (baseline) => [1, baseline],
              uncertainWrite: false,
            }
          : succeeds(target),
    },
    {
      name: 'unknown fields',
      rule: { extraFieldsRate: 1 },
      expect: (target) => succeeds(target),
    },
    {
      name: 'unknown enum values',
      rule: { unknownEnumRate: 1 },
      expect: (target) => succeeds(target),
    },
  ]
}
