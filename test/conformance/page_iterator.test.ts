import { afterAll, beforeAll, expect, it } from 'vitest'

import { walk } from '../../src/sandbox/test-client.ts'
import { startUnifiedFixture, type UnifiedFixture } from './fixture.ts'

let fixture: UnifiedFixture

beforeAll(async () => {
  fixture = await startUnifiedFixture({ employees: 1000 })
})

afterAll(async () => {
  await fixture.close()
})

it("the SDK's page iterator over 1,000 employees yields each sandbox collaborator exactly once", async () => {
  const company = fixture.sandbox.companies[0]
  if (company === undefined) throw new Error('no company')
  const direct = await walk(
    fixture.sandbox,
    `/companies/${company.id}/collaborators`,
    company.keys.full,
    'collaborators',
    50,
  )
  expect(direct.items).toHaveLength(1000)

  const seen: string[] = []
  let pages = 0
  const iterator = await fixture.sdk.hris.listEmployees({
    xAccountId: fixture.accounts.guide,
    pageSize: '100',
  })
  for await (const page of iterator) {
    pages += 1
    for (const employee of page.employeesPaginated?.data ?? []) seen.push(employee.id ?? '')
  }

  expect(pages).toBe(10)
  expect(new Set(seen).size).toBe(1000)
  expect([...seen].sort()).toEqual(direct.items.map((item) => String(item.id)).sort())
})
