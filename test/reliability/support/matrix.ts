import fs from 'node:fs'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { faultCases, type FaultCase } from './fault-cases.ts'
import { bounded, heavy, isTypedError, startFaultRig, type FaultRig } from './fault-rig.ts'
import { readTargetContext, upstreamTargets, type TargetContext } from './upstream-calls.ts'

export interface MatrixOptions {
  /** Names of the fault cases (from fault-cases.ts) this file runs. */
  faults: string[]
  /** The hub's deadline for one PayFit call, retries included. */
  providerTimeoutMs: number
}

/**
 * Registers one `it` per cell: every upstream target × each named fault. Each cell prepares its
 * request fault-free, switches the fault on for that PayFit route only, sends the request with a
 * hang bound, then checks the answer, the attempts the proxy counted, the account and /health.
 */
export function describeFaultMatrix(options: MatrixOptions): void {
  const rounds = heavy ? 3 : 1
  const cases = faultCases(options.providerTimeoutMs + 600).filter((c) =>
    options.faults.includes(c.name),
  )
  const cells = cases.flatMap((fault) => upstreamTargets.map((target) => ({ fault, target })))
  let rig: FaultRig
  let context: TargetContext
  const baselines = new Map<string, number>()
  const tally = { cells: 0, requests: 0, hangs: 0 }

  beforeAll(async () => {
    rig = await startFaultRig({ hub: { providerTimeoutMs: options.providerTimeoutMs } })
    context = await readTargetContext(rig)
    for (const target of upstreamTargets) {
      const { call } = await target.prepare(rig, context)
      await rig.resetStats()
      const answer = await bounded(rig.hub.url, call)
      if (answer.status !== target.success) {
        throw new Error(`${target.route} fails without faults: ${answer.text}`)
      }
      baselines.set(target.route, rig.attemptsMatching(target.pattern))
    }
  })

  const outcomes: string[] = []

  afterAll(async () => {
    await rig.close()
    // A table of what each cell answered, for docs/reliability.md.
    const report = process.env.PASSERELLE_MATRIX_REPORT
    if (report !== undefined) fs.appendFileSync(report, outcomes.join('\n') + '\n')
  })

  describe.each(cells)('$target.route × $fault.name', ({ fault, target }) => {
    it(`answers as expected, retries only what is safe and keeps the account honest`, async () => {
      for (let round = 0; round < rounds; round += 1) {
        await runCell(fault, target)
      }
      tally.cells += 1
    })
  })

  it('never left a request hanging', () => {
    expect(tally.cells).toBe(cells.length)
    expect(tally.hangs).toBe(0)
  })

  async function runCell(fault: FaultCase, target: (typeof upstreamTargets)[number]) {
    const expected = fault.expect(target)
    await rig.clearFaults()
    const prepared = await target.prepare(rig, context)
    const accountsBefore = await countAccounts()
    await rig.resetStats()
    await rig.setFaults({ rules: [{ route: target.route, ...fault.rule }] })

    const answer = await bounded(rig.hub.url, prepared.call)
    await rig.clearFaults()
    tally.requests += 1
    if (answer.hung) tally.hangs += 1
    expect(answer.hung, 'the request hung').toBe(false)
    expect(expected.statuses, answer.text).toContain(answer.status)
    if (answer.status >= 400) expect(isTypedError(answer), answer.text).toBe(true)
    if (answer.status === 429) {
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    }
    if (answer.status === 502 && expected.uncertainWrite) {
      expect(answer.text).toMatch(/may or may not|could not be read/)
    }

    const attempts = rig.attemptsMatching(target.pattern)
    outcomes.push([target.route, fault.name, answer.status, attempts].join('\t'))
    const [min, max] = expected.attempts(baselines.get(target.route) ?? 1)
    expect(attempts, `attempts at ${target.route}`).toBeGreaterThanOrEqual(min)
    expect(attempts, `attempts at ${target.route}`).toBeLessThanOrEqual(max)

    expect(await rig.isHealthy()).toBe(true)
    if (prepared.accountId !== null) {
      expect(await rig.accountStatus(prepared.accountId)).toBe('active')
    } else {
      const linked = answer.status === target.success ? 1 : 0
      expect(await countAccounts()).toBe(accountsBefore + linked)
    }
  }

  async function countAccounts(): Promise<number> {
    const accounts = await rig.hub.hub.services.accounts.list(
      rig.hub.project.id,
      {},
      { page: 1, pageSize: 1000 },
    )
    return accounts.length
  }
}
