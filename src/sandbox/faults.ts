import { z } from 'zod'

import { randomFor, type Random } from './random.ts'

const rate = z.number().min(0).max(1)
const milliseconds = z.number().int().min(0).max(600_000)

const faultRuleSchema = z.strictObject({
  route: z.string().min(1),
  /** The rule lets this many matching requests pass untouched first; counts down as they do. */
  afterCalls: z.number().int().min(0).optional(),
  latencyMs: milliseconds.optional(),
  jitterMs: milliseconds.optional(),
  errorRates: z.strictObject({ '500': rate, '502': rate, '503': rate }).partial().optional(),
  tooManyRequestsRate: rate.optional(),
  /** The next N matching requests are answered 429; counts down as it fires. */
  tooManyRequestsBurst: z.number().int().min(0).optional(),
  slowBodyMs: milliseconds.optional(),
  resetRate: rate.optional(),
  malformedJsonRate: rate.optional(),
  truncatedBodyRate: rate.optional(),
  repeatNextPageToken: z.boolean().optional(),
  extraFieldsRate: rate.optional(),
  unknownEnumRate: rate.optional(),
  /**
   * The rule's latency, resets and 5xx strike after the route has run: a write is applied but
   * its answer arrives late, cut or replaced by an error, as when a gateway loses the reply.
   */
  afterApply: z.boolean().optional(),
})

export const faultConfigSchema = z.strictObject({
  latency: z.strictObject({ fixedMs: milliseconds, jitterMs: milliseconds }).optional(),
  rules: z.array(faultRuleSchema).default([]),
})

export type FaultRule = z.infer<typeof faultRuleSchema>
export type FaultConfig = z.infer<typeof faultConfigSchema>

export interface FaultDecision {
  delayMs: number
  reset: boolean
  errorStatus: 500 | 502 | 503 | null
  tooManyRequests: boolean
  slowBodyMs: number
  malformedJson: boolean
  truncatedBody: boolean
  repeatNextPageToken: boolean
  extraFields: boolean
  unknownEnums: boolean
  /** Strikes after the route ran (rules with `afterApply`); null when none rolled. */
  lostAnswer: LostAnswer | null
}

export interface LostAnswer {
  delayMs: number
  reset: boolean
  errorStatus: 500 | 502 | 503 | null
}

export const noFault: FaultDecision = {
  delayMs: 0,
  reset: false,
  errorStatus: null,
  tooManyRequests: false,
  slowBodyMs: 0,
  malformedJson: false,
  truncatedBody: false,
  repeatNextPageToken: false,
  extraFields: false,
  unknownEnums: false,
  lostAnswer: null,
}

/**
 * The live fault configuration. Every rule whose route matches (its name or `*`) gets its own
 * roll; rolls come from a stream seeded like the data, so a replayed run sees the same faults.
 */
export class Faults {
  private config: FaultConfig = { rules: [] }
  private readonly random: Random

  constructor(seed: number) {
    this.random = randomFor(seed, 'faults')
  }

  current(): FaultConfig {
    return structuredClone(this.config)
  }

  replace(config: FaultConfig): void {
    this.config = structuredClone(config)
  }

  clear(): void {
    this.config = { rules: [] }
  }

  decide(route: string): FaultDecision {
    const base = this.config.latency
    const decision: FaultDecision = {
      ...noFault,
      delayMs: base === undefined ? 0 : base.fixedMs + this.jitter(base.jitterMs),
    }
    for (const rule of this.config.rules) {
      if (rule.route === route || rule.route === '*') this.apply(rule, decision)
    }
    return decision
  }

  private apply(rule: FaultRule, decision: FaultDecision): void {
    if (rule.afterCalls !== undefined && rule.afterCalls > 0) {
      rule.afterCalls--
      return
    }
    if (rule.afterApply === true) {
      this.applyAfter(rule, decision)
      return
    }
    decision.delayMs += (rule.latencyMs ?? 0) + this.jitter(rule.jitterMs ?? 0)
    decision.reset ||= this.roll(rule.resetRate)
    decision.errorStatus ??= this.errorStatus(rule.errorRates)
    if (rule.tooManyRequestsBurst !== undefined && rule.tooManyRequestsBurst > 0) {
      rule.tooManyRequestsBurst--
      decision.tooManyRequests = true
    }
    decision.tooManyRequests ||= this.roll(rule.tooManyRequestsRate)
    decision.slowBodyMs = Math.max(decision.slowBodyMs, rule.slowBodyMs ?? 0)
    decision.malformedJson ||= this.roll(rule.malformedJsonRate)
    decision.truncatedBody ||= this.roll(rule.truncatedBodyRate)
    decision.repeatNextPageToken ||= rule.repeatNextPageToken === true
    decision.extraFields ||= this.roll(rule.extraFieldsRate)
    decision.unknownEnums ||= this.roll(rule.unknownEnumRate)
  }

  private applyAfter(rule: FaultRule, decision: FaultDecision): void {
    const lost = decision.lostAnswer ?? { delayMs: 0, reset: false, errorStatus: null }
    lost.delayMs += (rule.latencyMs ?? 0) + this.jitter(rule.jitterMs ?? 0)
    lost.reset ||= this.roll(rule.resetRate)
    lost.errorStatus ??= this.errorStatus(rule.errorRates)
    const struck = lost.delayMs > 0 || lost.reset || lost.errorStatus !== null
    decision.lostAnswer = struck ? lost : decision.lostAnswer
  }

  private errorStatus(rates: FaultRule['errorRates']): 500 | 502 | 503 | null {
    if (rates === undefined) return null
    let roll = this.random.next()
    for (const status of [500, 502, 503] as const) {
      roll -= rates[status] ?? 0
      if (roll < 0) return status
    }
    return null
  }

  private roll(probability: number | undefined): boolean {
    return probability !== undefined && probability > 0 && this.random.next() < probability
  }

  private jitter(jitterMs: number): number {
    return jitterMs > 0 ? Math.floor(this.random.next() * (jitterMs + 1)) : 0
  }
}
