import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { link, startUnifiedFixture, type UnifiedFixture } from '../conformance/fixture.ts'
import { callsByRoute, sandboxAdmin } from '../conformance/sandbox-admin.ts'
import { basicAuth } from '../harness.ts'

let fixture: UnifiedFixture

beforeAll(async () => {
  fixture = await startUnifiedFixture({ employees: 60, countries: ['FR', 'GB'] })
})

afterAll(async () => {
  await fixture.close()
})

beforeEach(async () => {
  await sandboxAdmin(fixture.sandbox, 'DELETE', '/stats')
})

async function unified(path: string, accountId = fixture.accounts.full) {
  const response = await fetch(`${fixture.hub.url}/unified/hris${path}`, {
    headers: { authorization: basicAuth(fixture.hub.apiKey), 'x-account-id': accountId },
  })
  const text = await response.text()
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown> }
}

function rawUrls(body: Record<string, unknown>): URL[] {
  return (body.raw as { url: string }[]).map((call) => new URL(call.url))
}

describe('proxy[...]', () => {
  it('forwards a whitelisted parameter to PayFit', async () => {
    const page = await unified('/employments?proxy[includeInProgressContracts]=true&raw=true')
    expect(page.status).toBe(200)
    const [call] = rawUrls(page.body)
    expect(call?.searchParams.get('includeInProgressContracts')).toBe('true')
  })

  it('refuses a parameter that would steer paging or is not known safe, naming it', async () => {
    for (const key of ['maxResults', 'nextPageToken', 'companyId']) {
      const page = await unified(`/employees?proxy[${key}]=5`)
      expect(page.status).toBe(400)
      expect(page.body.message).toContain(`proxy[${key}]`)
    }
    const calls = await callsByRoute(fixture.sandbox)
    expect(calls['collaborators.list'] ?? 0).toBe(0)
  })
})

describe('filters', () => {
  it('accepts filter[updated_after] and returns every record, as PayFit has no change dates', async () => {
    const all = await unified('/employees?page_size=100')
    const filtered = await unified(
      `/employees?page_size=100&filter%5Bupdated_after%5D=${encodeURIComponent('2030-01-01T00:00:00.000Z')}`,
    )
    expect(filtered.status).toBe(200)
    expect(filtered.body.data).toEqual(all.body.data)
  })

  it('refuses a filter[updated_after] that is not a date-time', async () => {
    const page = await unified('/employees?filter[updated_after]=yesterday')
    expect(page.status).toBe(400)
  })

  it('reads absences for all statuses, narrowed by the time off date filters', async () => {
    const page = await unified(
      '/time_off?raw=true&filter[start_date]=2025-01-01T00:00:00.000Z&filter[end_date]=2025-03-31T00:00:00.000Z',
    )
    expect(page.status).toBe(200)
    const [call] = rawUrls(page.body)
    expect(call?.searchParams.get('status')).toBe('all')
    expect(call?.searchParams.get('beginDate')).toBe('2025-01-01')
    expect(call?.searchParams.get('endDate')).toBe('2025-03-31')
    for (const timeOff of page.body.data as { start_date: string; end_date: string }[]) {
      expect(timeOff.end_date >= '2025-01-01').toBe(true)
      expect(timeOff.start_date <= '2025-03-31T').toBe(true)
    }
  })
})

describe('a British company', () => {
  it('joins employees with /contracts (no DSN codes) and serves GB national insurance numbers', async () => {
    const company = fixture.sandbox.companies[1]
    const accountId = await link(fixture.hub, 'owner-gb', company?.keys.full ?? '')
    const page = await unified('/employees?page_size=100', accountId)
    expect(page.status).toBe(200)
    const employees = page.body.data as {
      company_id: string
      employments: { job_title: string }[]
      national_identity_numbers: { type: { value: string } }[]
    }[]
    expect(employees.length).toBeGreaterThan(0)
    expect(employees.every((employee) => employee.company_id === company?.id)).toBe(true)
    expect(employees.some((employee) => employee.employments.length > 0)).toBe(true)
    const types = employees.flatMap((e) => e.national_identity_numbers.map((n) => n.type.value))
    expect(types).toContain('nin')
    const calls = await callsByRoute(fixture.sandbox)
    expect(calls['contracts.list']).toBeGreaterThan(0)
    expect(calls['contractsFr.list'] ?? 0).toBe(0)
  })
})
