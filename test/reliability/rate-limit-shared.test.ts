import fs from 'node:fs'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createPayfitConnector } from '../../src/connectors/payfit/index.ts'
import { createKeyLimiters, type KeyLimiters } from '../../src/connectors/payfit/rate-limit.ts'
import { createLogger } from '../../src/log.ts'
import { keyIdOf, type RunningSandbox } from '../../src/sandbox/index.ts'
import { allScopes } from '../../src/sandbox/scopes.ts'
import { link } from '../conformance/fixture.ts'
import { sandboxAdmin } from '../conformance/sandbox-admin.ts'
import { basicAuth, startTestHub, type TestHub } from '../harness.ts'
import { bounded, heavy, isTypedError, type Answer } from './support/fault-rig.ts'
import { startSandboxProcess } from './support/sandbox-process.ts'

/*
 * Many concurrent callers over many accounts of one PayFit company, each account on its own
 * PayFit key, against a sandbox that allows 10 reads a second per key. The hub is configured
 * with the same per-key budget and a global cap of 30 reads a second across keys; the sandbox's
 * own counters (`/_sandbox/stats`, peaks over any sliding second, in a process of its own) are
 * the judge.
 */
const perKeyReads = 10
const globalReads = 30
const maxQueued = 40
const accountCount = 8
const callers = heavy ? 100 : 60
const requestsPerCaller = heavy ? 12 : 4

let sandbox: RunningSandbox
let hub: TestHub
let limiters: KeyLimiters
const accounts: { id: string; keyId: string }[] = []

beforeAll(async () => {
  sandbox = await startSandboxProcess([
    ...['--seed', '5', '--employees', '30', '--today', '2026-06-15'],
    ...['--reads-per-second', String(perKeyReads), '--writes-per-second', '5'],
  ])
  limiters = createKeyLimiters({
    readsPerSecond: perKeyReads,
    writesPerSecond: 5,
    globalReadsPerSecond: globalReads,
    maxWaitMs: 2_000,
    maxQueued,
  })
  const payfit = createPayfitConnector(
    { urls: { api: sandbox.url, oauth: sandbox.url }, logger: createLogger({ level: 'silent' }) },
    { limiters },
  )
  hub = await startTestHub({
    payfitUrl: sandbox.url,
    connectors: { get: (name) => (name === 'payfit' ? payfit : undefined), list: () => [payfit] },
  })
  const companyId = sandbox.companies[0]?.id
  for (let i = 0; i < accountCount; i += 1) {
    const minted = (await sandboxAdmin(sandbox, 'POST', '/keys', {
      companyId,
      scopes: allScopes,
    })) as { key: string; keyId: string }
    accounts.push({
      id: await link(hub, `owner-${String(i)}`, minted.key),
      keyId: keyIdOf(minted.key),
    })
  }
})

afterAll(async () => {
  await hub.close()
  await sandbox.close()
})

interface Peaks {
  global: { peakPerSecond: { received: number }; byStatus: Record<string, number> }
  keys: Record<string, { peakPerSecond: { received: number } }>
}

/** Sends `count` requests per caller, all callers at once; samples the limiter's queue. */
async function flood(
  count: number,
  pathFor: (caller: number, round: number) => { path: string; accountId: string },
) {
  let maxSeenQueued = 0
  const sampler = setInterval(() => {
    maxSeenQueued = Math.max(maxSeenQueued, limiters.queued())
  }, 5)
  const answers: (Answer & { elapsedMs: number })[] = []
  try {
    await Promise.all(
      Array.from({ length: count }, async (_, caller) => {
        for (let round = 0; round < requestsPerCaller; round += 1) {
          const { path, accountId } = pathFor(caller, round)
          const started = performance.now()
          const answer = await bounded(hub.url, {
            method: 'GET',
            path,
            headers: { authorization: basicAuth(hub.apiKey), 'x-account-id': accountId },
          })
          answers.push({ ...answer, elapsedMs: performance.now() - started })
        }
      }),
    )
  } finally {
    clearInterval(sampler)
  }
  return { answers, maxSeenQueued }
}

function report(name: string, answers: (Answer & { elapsedMs: number })[], queued: number) {
  const file = process.env.PASSERELLE_MATRIX_REPORT
  if (file === undefined) return
  const ms = (status: number) =>
    answers
      .filter((answer) => answer.status === status)
      .map((answer) => Math.round(answer.elapsedMs))
      .sort((a, b) => a - b)
  const summary = (list: number[]) =>
    `n=${String(list.length)} median=${String(list[Math.floor(list.length / 2)] ?? '-')} max=${String(list.at(-1) ?? '-')}`
  fs.appendFileSync(
    file,
    `${name}: 200 ${summary(ms(200))}; 429 ${summary(ms(429))}; max queued ${String(queued)}\n`,
  )
}

function expectOnlySuccessOrTyped429(answers: Answer[]) {
  for (const answer of answers) {
    expect(answer.hung).toBe(false)
    expect([200, 429], answer.text).toContain(answer.status)
    if (answer.status === 429) {
      expect(isTypedError(answer)).toBe(true)
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    }
  }
}

describe('one PayFit budget shared by every caller', () => {
  it(`keeps ${String(callers)} callers over ${String(accountCount)} accounts inside the per-key limit and the global cap`, async () => {
    await sandboxAdmin(sandbox, 'DELETE', '/stats')
    const { answers, maxSeenQueued } = await flood(callers, (caller, round) => {
      const account = accounts[(caller + round) % accounts.length]
      const path = round % 2 === 0 ? '/companies?raw=true' : '/employees?page_size=5&raw=true'
      return { path: `/unified/hris${path}`, accountId: account?.id ?? '' }
    })
    report('many accounts', answers, maxSeenQueued)

    expectOnlySuccessOrTyped429(answers)
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThan(0)
    const stats = (await sandboxAdmin(sandbox, 'GET', '/stats')) as Peaks
    for (const account of accounts) {
      const peak = stats.keys[account.keyId]?.peakPerSecond.received ?? 0
      expect(peak, `peak of ${account.keyId}`).toBeLessThanOrEqual(perKeyReads)
    }
    expect(stats.global.peakPerSecond.received).toBeLessThanOrEqual(globalReads)
    expect(stats.global.peakPerSecond.received).toBeGreaterThan(perKeyReads)
    expect(stats.global.byStatus['429'] ?? 0).toBe(0)
    expect(maxSeenQueued).toBeLessThanOrEqual(maxQueued)
  })

  it('answers callers beyond one account budget with 429 and Retry-After instead of queueing them', async () => {
    await sandboxAdmin(sandbox, 'DELETE', '/stats')
    const account = accounts[0]
    const { answers, maxSeenQueued } = await flood(callers, () => ({
      path: '/unified/hris/companies?raw=true',
      accountId: account?.id ?? '',
    }))
    report('one account', answers, maxSeenQueued)

    expectOnlySuccessOrTyped429(answers)
    expect(answers.filter((answer) => answer.status === 429).length).toBeGreaterThan(0)
    expect(maxSeenQueued).toBeLessThanOrEqual(maxQueued)
    const stats = (await sandboxAdmin(sandbox, 'GET', '/stats')) as Peaks
    expect(stats.keys[account?.keyId ?? '']?.peakPerSecond.received).toBeLessThanOrEqual(
      perKeyReads,
    )
    expect(stats.global.byStatus['429'] ?? 0).toBe(0)
    expect((await bounded(hub.url, { method: 'GET', path: '/health' })).status).toBe(200)
  })
})
