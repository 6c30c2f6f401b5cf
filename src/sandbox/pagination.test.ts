import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSandbox, type RunningSandbox, type SandboxCompany } from './index.ts'
import { call, walk } from './test-client.ts'

let sandbox: RunningSandbox
let company: SandboxCompany

beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 3,
    employees: 123,
    today: '2026-06-15',
    rateLimit: { readsPerSecond: 100_000, writesPerSecond: 100_000 },
  })
  company = sandbox.companies[0] as SandboxCompany
})
afterAll(() => sandbox.close())

describe.each([1, 7, 50])('walking with maxResults=%i', (maxResults) => {
  it('returns every collaborator exactly once, then a null token', async () => {
    const path = `/companies/${company.id}/collaborators`
    const { items, pages } = await walk(
      sandbox,
      path,
      company.keys.full,
      'collaborators',
      maxResults,
    )
    const ids = items.map((item) => item.id)
    expect(ids).toHaveLength(123)
    expect(new Set(ids).size).toBe(123)
    expect(pages).toBe(Math.ceil(123 / maxResults))
  })

  it('returns every listed contract and every approved absence exactly once', async () => {
    const contracts = await walk(
      sandbox,
      `/companies/${company.id}/contracts`,
      company.keys.full,
      'contracts',
      maxResults,
    )
    const contractIds = contracts.items.map((item) => item.contractId)
    expect(new Set(contractIds).size).toBe(contractIds.length)
    const counts = await call(sandbox, `/_sandbox/companies/${company.id}/counts`, {
      key: sandbox.adminToken,
    })
    expect(contractIds.length).toBeGreaterThan(
      (counts.body as { collaborators: number }).collaborators * 0.8,
    )

    const absences = await walk(
      sandbox,
      `/companies/${company.id}/absences`,
      company.keys.full,
      'absences',
      maxResults,
    )
    const absenceIds = absences.items.map((item) => item.id)
    expect(new Set(absenceIds).size).toBe(absenceIds.length)
    expect(absenceIds.length).toBeGreaterThan(0)
  })
})

describe('page tokens', () => {
  it('carry the page size, which an explicit maxResults overrides', async () => {
    const path = `/companies/${company.id}/collaborators`
    const first = await call(sandbox, `${path}?maxResults=3`, { key: company.keys.full })
    const token = (first.body as { meta: { nextPageToken: string } }).meta.nextPageToken
    expect(JSON.parse(Buffer.from(token, 'base64').toString())).toEqual({ limit: 3, offset: 3 })
    const second = await call(sandbox, `${path}?nextPageToken=${encodeURIComponent(token)}`, {
      key: company.keys.full,
    })
    expect((second.body as { meta: { count: number } }).meta.count).toBe(3)
    const wider = await call(
      sandbox,
      `${path}?maxResults=5&nextPageToken=${encodeURIComponent(token)}`,
      {
        key: company.keys.full,
      },
    )
    expect((wider.body as { meta: { count: number } }).meta.count).toBe(5)
  })

  it('refuses a token it did not issue with 400', async () => {
    const result = await call(
      sandbox,
      `/companies/${company.id}/collaborators?nextPageToken=garbage`,
      {
        key: company.keys.full,
      },
    )
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({ code: 400, error: 'Bad request' })
  })
})
