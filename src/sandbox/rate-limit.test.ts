import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSandbox, type RunningSandbox, type SandboxCompany } from './index.ts'
import type { StatsSnapshot } from './stats.ts'
import { call } from './test-client.ts'

let sandbox: RunningSandbox
let company: SandboxCompany

beforeAll(async () => {
  sandbox = await startSandbox({
    employees: 10,
    today: '2026-06-15',
    rateLimit: { readsPerSecond: 10, writesPerSecond: 4 },
  })
  company = sandbox.companies[0] as SandboxCompany
})
afterAll(() => sandbox.close())

const stats = async () =>
  (await call(sandbox, '/_sandbox/stats', { key: sandbox.adminToken })).body as StatsSnapshot

describe('rate limits per key', () => {
  it('answers 429 with PayFit body and headers once the read budget is spent', async () => {
    const results = await Promise.all(
      Array.from({ length: 25 }, () =>
        call(sandbox, `/companies/${company.id}`, { key: company.keys.guide }),
      ),
    )
    const limited = results.filter((r) => r.status === 429)
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(10)
    expect(limited.length).toBeGreaterThan(0)
    const first = limited[0]
    expect(first?.body).toEqual({ message: 'API rate limit exceeded' })
    expect(first?.headers.get('retry-after')).toMatch(/^[1-9]\d*$/)
    expect(first?.headers.get('ratelimit-limit')).toBe('10')
    expect(first?.headers.get('x-ratelimit-limit-second')).toBe('10')
    expect(first?.headers.get('x-ratelimit-remaining-second')).toBe('0')
    expect(first?.headers.get('ratelimit-reset')).toMatch(/^\d+$/)
  })

  it('gives every key its own budget and writes a smaller one', async () => {
    const other = await call(sandbox, `/companies/${company.id}`, { key: company.keys.read_only })
    expect(other.status).toBe(200)
    const writes = await Promise.all(
      Array.from({ length: 8 }, () =>
        call(sandbox, `/companies/${company.id}/collaborators`, {
          method: 'POST',
          key: company.keys.full,
          body: { firstName: 'A', lastName: 'B', personalEmail: 'a.b@mailbox.example' },
        }),
      ),
    )
    expect(writes.filter((w) => w.status === 201).length).toBeLessThanOrEqual(5)
    expect(writes.filter((w) => w.status === 429).length).toBeGreaterThan(0)
  })

  it('counts requests per route, status and key id, with peaks, and never shows a key', async () => {
    const snapshot = await stats()
    const guideId = company.keyIds.guide
    expect(snapshot.keys[guideId]?.byRoute['companies.get']?.['429']).toBeGreaterThan(0)
    expect(snapshot.keys[guideId]?.peakPerSecond.received).toBeGreaterThanOrEqual(25)
    expect(snapshot.keys[guideId]?.peakPerSecond.accepted).toBeLessThan(25)
    expect(snapshot.global.byStatus['201']).toBeGreaterThan(0)
    expect(snapshot.global.requests).toBeGreaterThanOrEqual(34)
    const text = JSON.stringify(snapshot)
    for (const key of Object.values(company.keys)) expect(text).not.toContain(key)

    await call(sandbox, '/_sandbox/stats', { method: 'DELETE', key: sandbox.adminToken })
    expect((await stats()).global.requests).toBe(0)
  })
})
