import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { link, startUnifiedFixture, type UnifiedFixture } from '../conformance/fixture.ts'
import { callsByRoute, sandboxAdmin } from '../conformance/sandbox-admin.ts'
import { basicAuth } from '../harness.ts'

const employees = 230

let fixture: UnifiedFixture

beforeAll(async () => {
  fixture = await startUnifiedFixture({ employees })
})

afterAll(async () => {
  await fixture.close()
})

beforeEach(async () => {
  await sandboxAdmin(fixture.sandbox, 'DELETE', '/stats')
})

async function unified(path: string, accountId = fixture.accounts.guide) {
  const response = await fetch(`${fixture.hub.url}/unified/hris${path}`, {
    headers: { authorization: basicAuth(fixture.hub.apiKey), 'x-account-id': accountId },
  })
  return { status: response.status, text: await response.text() }
}

async function walkEmployees(pageSize: number, accountId = fixture.accounts.guide) {
  const ids: string[] = []
  let next: string | null = null
  do {
    const query: string = next === null ? '' : `&next=${encodeURIComponent(next)}`
    const page = await unified(`/employees?page_size=${String(pageSize)}${query}`, accountId)
    const body = JSON.parse(page.text) as { data: { id: string }[]; next: string | null }
    ids.push(...body.data.map((employee) => employee.id))
    next = body.next
  } while (next !== null)
  return ids
}

describe('what a listing costs upstream', () => {
  it('walks N employees for ceil(N/50) collaborator pages plus ceil(N/50) contract pages', async () => {
    const ids = await walkEmployees(25)
    expect(new Set(ids).size).toBe(employees)

    const calls = await callsByRoute(fixture.sandbox)
    const pages = Math.ceil(employees / 50)
    expect(calls['collaborators.list']).toBe(pages)
    expect(calls['contractsFr.list']).toBe(pages)
    expect(calls['companies.get']).toBe(1)
    expect(calls['contracts.get'] ?? 0).toBe(0)
    expect(calls['contractsFr.get'] ?? 0).toBe(0)
  })

  it('shares one contract walk between concurrent listings of one account', async () => {
    await sandboxAdmin(fixture.sandbox, 'DELETE', '/stats')
    const guideKey = fixture.sandbox.companies[0]?.keys.guide ?? ''
    const fresh = await link(fixture.hub, 'owner-concurrent', guideKey)
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => unified('/employees?page_size=10', fresh)),
    )
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 200])
    const calls = await callsByRoute(fixture.sandbox)
    expect(calls['contractsFr.list']).toBe(Math.ceil(employees / 50))
    expect(calls['collaborators.list']).toBe(1)
  })

  it('logs the account and the upstream call count on the request line', async () => {
    await unified('/employees/no-such-employee')
    const line = fixture.hub.logs
      .lines()
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .findLast((entry) => entry.route === '/unified/hris/employees/:id')
    expect(line).toMatchObject({ accountId: fixture.accounts.guide, statusCode: 404 })
    expect(line?.upstreamCalls).toEqual(expect.any(Number))
  })
})

describe('raw=true', () => {
  it('shows each PayFit call made, without the key or an Authorization header', async () => {
    const page = await unified('/employees?page_size=60&raw=true', fixture.accounts.full)
    expect(page.status).toBe(200)
    const body = JSON.parse(page.text) as { raw: { method: string; url: string }[] }
    expect(body.raw.map((call) => new URL(call.url).pathname)).toContain(
      `/companies/${fixture.sandbox.companies[0]?.id ?? ''}/collaborators`,
    )
    for (const key of Object.values(fixture.sandbox.companies[0]?.keys ?? {})) {
      expect(page.text).not.toContain(key)
    }
    expect(page.text.toLowerCase()).not.toContain('authorization')
    expect(page.text.toLowerCase()).not.toContain('bearer')
  })
})

describe('dates through HTTP in far-apart time zones', () => {
  it.each(['Pacific/Kiritimati', 'Pacific/Honolulu'])(
    'serves the same dates under TZ=%s',
    async (zone) => {
      const before = process.env.TZ
      const baseline = await unified('/employees?page_size=5')
      process.env.TZ = zone
      try {
        const shifted = await unified('/employees?page_size=5')
        expect(new Date(2024, 0, 1).getTimezoneOffset()).not.toBe(0)
        expect(shifted.text).toBe(baseline.text)
        const [employee] = (
          JSON.parse(shifted.text) as { data: { date_of_birth: string | null }[] }
        ).data
        expect(employee?.date_of_birth ?? '').toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/)
      } finally {
        if (before === undefined) delete process.env.TZ
        else process.env.TZ = before
      }
    },
  )
})
