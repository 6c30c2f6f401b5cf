import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { startUnifiedFixture, type UnifiedFixture } from '../../../../test/conformance/fixture.ts'
import { callsByRoute, sandboxAdmin } from '../../../../test/conformance/sandbox-admin.ts'
import { basicAuth } from '../../../../test/harness.ts'
import { waitFor } from '../../../../test/wait-for.ts'

// Enough active contracts (over 500) for the contract walk to be worth reading ahead of.
const employees = 900

let fixture: UnifiedFixture

beforeAll(async () => {
  fixture = await startUnifiedFixture({ employees, latencyMs: 5 })
})

afterAll(async () => {
  await fixture.close()
})

beforeEach(async () => {
  await sandboxAdmin(fixture.sandbox, 'DELETE', '/stats')
})

interface EmployeePage {
  data: { id: string }[]
  next: string | null
}

async function employeePage(query: string, accountId: string): Promise<EmployeePage> {
  const response = await fetch(`${fixture.hub.url}/unified/hris/employees?${query}`, {
    headers: { authorization: basicAuth(fixture.hub.apiKey), 'x-account-id': accountId },
  })
  expect(response.status).toBe(200)
  return (await response.json()) as EmployeePage
}

async function collaboratorCalls(): Promise<number> {
  return (await callsByRoute(fixture.sandbox))['collaborators.list'] ?? 0
}

describe('listing employees while the contract index loads', () => {
  it('reads collaborator pages ahead, and a full walk still reads each page once', async () => {
    const accountId = fixture.accounts.guide
    const first = await employeePage('page_size=50', accountId)
    await waitFor(
      'collaborator pages read ahead',
      async () => ((await collaboratorCalls()) >= 3 ? true : undefined),
      5_000,
    )

    const ids = first.data.map((employee) => employee.id)
    let next = first.next
    for (let page = 0; next !== null; page += 1) {
      // Alternate sizes so pages are cut across PayFit's pages of 50 too.
      const size = page % 2 === 0 ? 25 : 75
      const body = await employeePage(
        `page_size=${String(size)}&next=${encodeURIComponent(next)}`,
        accountId,
      )
      ids.push(...body.data.map((employee) => employee.id))
      next = body.next
    }

    expect(new Set(ids).size).toBe(employees)
    const calls = await callsByRoute(fixture.sandbox)
    expect(calls['collaborators.list']).toBe(Math.ceil(employees / 50))
    expect(calls['companies.get']).toBe(1)
  })

  it('takes nothing read ahead for raw=true, which shows every call behind its answer', async () => {
    const body = (await employeePage(
      'page_size=50&raw=true',
      fixture.accounts.full,
    )) as EmployeePage & {
      raw: { url: string }[]
    }
    const collaboratorReads = body.raw.filter((call) => call.url.includes('/collaborators'))
    expect(collaboratorReads).toHaveLength(1)
    expect(body.data).toHaveLength(50)
  })
})
