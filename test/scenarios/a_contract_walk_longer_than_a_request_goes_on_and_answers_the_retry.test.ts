import { StackOne } from '@stackone/stackone-client-ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createPayfitConnector } from '../../src/connectors/payfit/index.ts'
import { createLogger } from '../../src/log.ts'
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.ts'
import { allScopes } from '../../src/sandbox/scopes.ts'
import { link } from '../conformance/fixture.ts'
import { callsByRoute, sandboxAdmin, setFaults } from '../conformance/sandbox-admin.ts'
import { basicAuth, startTestHub, type TestHub } from '../harness.ts'
import { waitFor } from '../wait-for.ts'

// About 13 contract pages at 20 ms each: far longer than the 150 ms a request may last here.
const employees = 600
const requestTimeoutMs = 150

let sandbox: RunningSandbox
let hub: TestHub
let companyId: string
const logLines: string[] = []

beforeAll(async () => {
  // PayFit's own rate limit stays out of the way: every test here walks with the same key.
  sandbox = await startSandbox({
    port: 0,
    seed: 11,
    employees,
    latencyMs: 20,
    rateLimit: { readsPerSecond: 10_000, writesPerSecond: 10_000 },
  })
  const logger = createLogger({
    level: 'warn',
    destination: { write: (line) => logLines.push(line) },
  })
  const payfit = createPayfitConnector(
    { urls: { api: sandbox.url, oauth: sandbox.url }, logger },
    { requestTimeoutMs },
  )
  hub = await startTestHub({
    payfitUrl: sandbox.url,
    connectors: { get: (name) => (name === 'payfit' ? payfit : undefined), list: () => [payfit] },
  })
  companyId = sandbox.companies[0]?.id ?? ''
})

afterAll(async () => {
  await hub.close()
  await sandbox.close()
})

async function employeePage(accountId: string) {
  const response = await fetch(`${hub.url}/unified/hris/employees?page_size=50`, {
    headers: { authorization: basicAuth(hub.apiKey), 'x-account-id': accountId },
  })
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as {
      message?: string
      data?: { id: string; employments: unknown[] | null }[]
    },
  }
}

/** The pages of one walk of a company-wide list, read straight from the sandbox. */
async function pagesOfWalk(key: string, list: string, filter = ''): Promise<number> {
  let pages = 0
  let token: string | null = null
  do {
    const query: string = token === null ? '' : `&nextPageToken=${encodeURIComponent(token)}`
    const response = await fetch(
      `${sandbox.url}/companies/${companyId}/${list}?maxResults=50${filter}${query}`,
      { headers: { authorization: `Bearer ${key}` } },
    )
    const body = (await response.json()) as { meta: { nextPageToken?: string | null } }
    pages += 1
    token = body.meta.nextPageToken ?? null
  } while (token !== null)
  return pages
}

const contractPages = (key: string) => pagesOfWalk(key, 'contracts-fr')
const absencePages = (key: string) => pagesOfWalk(key, 'absences', '&status=all')

/** `/contracts-fr` pages the sandbox answered for one key, whatever their status. */
async function contractListCallsOf(keyId: string): Promise<number> {
  const stats = (await sandboxAdmin(sandbox, 'GET', '/stats')) as {
    keys: Record<string, { byRoute: Record<string, Record<string, number>> } | undefined>
  }
  const byStatus = stats.keys[keyId]?.byRoute['contractsFr.list'] ?? {}
  return Object.values(byStatus).reduce((sum, count) => sum + count, 0)
}

describe('a company whose contract walk outlasts one request', () => {
  it('answers 408 with Retry-After, walks on, and answers a retry from that one walk', async () => {
    const key = sandbox.companies[0]?.keys.full ?? ''
    const accountId = await link(hub, 'owner-retry', key)
    const onePass = await contractPages(key)
    await sandboxAdmin(sandbox, 'DELETE', '/stats')

    const early = await employeePage(accountId)
    expect(early.status).toBe(408)
    expect(early.retryAfter).toBe('1')
    expect(early.body.message).toMatch(/still listing this company's contracts/)

    const answered = await waitFor('the listing to answer once the walk has ended', async () => {
      const page = await employeePage(accountId)
      return page.status === 200 ? page : undefined
    })
    expect(answered.body.data).toHaveLength(50)
    expect(answered.body.data?.some((employee) => (employee.employments ?? []).length > 0)).toBe(
      true,
    )
    // One walk, whatever the number of requests that waited for it.
    const calls = await callsByRoute(sandbox)
    expect(calls['contractsFr.list']).toBe(onePass)
  })

  it("is waited through by StackOne's SDK, which retries a 408 by itself", async () => {
    const accountId = await link(hub, 'owner-sdk', sandbox.companies[0]?.keys.guide ?? '')
    const sdk = new StackOne({
      serverURL: hub.url,
      security: { username: hub.apiKey, password: '' },
    })
    const result = await sdk.hris.listEmployees({ xAccountId: accountId, pageSize: '50' })
    expect(result.employeesPaginated?.data).toHaveLength(50)
  })

  it('rides out PayFit refusing a page mid-walk, and goes on from that page', async () => {
    const key = sandbox.companies[0]?.keys.full ?? ''
    const accountId = await link(hub, 'owner-refused', key)
    const onePass = await contractPages(key)
    // Page 6 is refused more times than one call retries: the call fails, the walk pauses.
    const refusals = 4
    await setFaults(sandbox, {
      rules: [{ route: 'contractsFr.list', afterCalls: 5, tooManyRequestsBurst: refusals }],
    })
    await sandboxAdmin(sandbox, 'DELETE', '/stats')

    const answered = await waitFor('the listing to answer once the walk has ended', async () => {
      const page = await employeePage(accountId)
      expect([200, 408]).toContain(page.status)
      return page.status === 200 ? page : undefined
    })
    const calls = await callsByRoute(sandbox)
    await setFaults(sandbox, { rules: [] })
    expect(answered.body.data).toHaveLength(50)
    // Pages 1 to 5 were read once: the walk asked for page 6 again instead of starting over.
    expect(calls['contractsFr.list']).toBe(onePass + refusals)
  })

  it('answers one employee from its own contracts instead of waiting for the walk', async () => {
    const key = sandbox.companies[0]?.keys.full ?? ''
    const accountId = await link(hub, 'owner-one', key)
    // Contract pages slow enough that the walk is certain to be running when the employee is read.
    await setFaults(sandbox, { rules: [{ route: 'contractsFr.list', latencyMs: 500 }] })
    await sandboxAdmin(sandbox, 'DELETE', '/stats')
    const listing = await employeePage(accountId)
    expect(listing.status).toBe(408)

    const collaborators = await fetch(
      `${sandbox.url}/companies/${companyId}/collaborators?maxResults=1`,
      { headers: { authorization: `Bearer ${key}` } },
    )
    const id = ((await collaborators.json()) as { collaborators: { id: string }[] })
      .collaborators[0]?.id
    const response = await fetch(`${hub.url}/unified/hris/employees/${id ?? ''}`, {
      headers: { authorization: basicAuth(hub.apiKey), 'x-account-id': accountId },
    })
    expect(response.status).toBe(200)
    const employee = (await response.json()) as { data: { id: string; employments: unknown[] } }
    expect(employee.data.id).toBe(id)
    expect(employee.data.employments.length).toBeGreaterThan(0)
    const calls = await callsByRoute(sandbox)
    await setFaults(sandbox, { rules: [] })
    expect(calls['contractsFr.get']).toBeGreaterThan(0)
    expect(calls['contractsFr.list'] ?? 0).toBeLessThan(await contractPages(key))
  })
  it('reads teams and one time off request in the background too, one walk each', async () => {
    const key = sandbox.companies[0]?.keys.full ?? ''
    const accountId = await link(hub, 'owner-lists', key)
    const listed = await fetch(`${sandbox.url}/companies/${companyId}/absences?maxResults=1`, {
      headers: { authorization: `Bearer ${key}` },
    })
    const absenceId = ((await listed.json()) as { absences: { id: string }[] }).absences[0]?.id
    const absenceWalk = await absencePages(key)
    await setFaults(sandbox, {
      rules: [
        { route: 'collaborators.list', latencyMs: 60 },
        { route: 'absences.list', latencyMs: 60 },
      ],
    })
    await sandboxAdmin(sandbox, 'DELETE', '/stats')
    const read = async (path: string) => {
      const response = await fetch(`${hub.url}/unified/hris${path}`, {
        headers: { authorization: basicAuth(hub.apiKey), 'x-account-id': accountId },
      })
      return { status: response.status, body: (await response.json()) as { data?: unknown } }
    }

    for (const path of ['/groups/teams', `/time_off/${absenceId ?? ''}`]) {
      const statuses: number[] = []
      const answered = await waitFor(`${path} to answer once its walk has ended`, async () => {
        const answer = await read(path)
        statuses.push(answer.status)
        return answer.status === 200 ? answer : undefined
      })
      expect(statuses[0]).toBe(408)
      expect(new Set(statuses.slice(0, -1))).toEqual(new Set([408]))
      expect(answered.body.data).toBeDefined()
    }
    const calls = await callsByRoute(sandbox)
    await setFaults(sandbox, { rules: [] })
    // One walk of the collaborators for the teams, one of the absences for the time off.
    expect(calls['collaborators.list']).toBe(Math.ceil(employees / 50))
    expect(calls['absences.list']).toBe(absenceWalk)
  })

  it("stops a deleted account's walk: no PayFit call with its key afterwards", async () => {
    // The guide key, which no other test here walks with, so its calls can be counted alone.
    const key = sandbox.companies[0]?.keys.guide ?? ''
    const keyId = sandbox.companies[0]?.keyIds.guide ?? ''
    const deleted = await link(hub, 'owner-deleted', key)
    const onePass = await contractPages(key)
    await setFaults(sandbox, { rules: [{ route: 'contractsFr.list', latencyMs: 100 }] })
    expect((await employeePage(deleted)).status).toBe(408)
    const removal = await fetch(`${hub.url}/accounts/${deleted}`, {
      method: 'DELETE',
      headers: { authorization: basicAuth(hub.apiKey) },
    })
    expect(removal.status).toBe(200)
    await waitFor('the walk to report that it stopped', () =>
      logLines.some((line) => line.includes(deleted) && line.includes('provider_unavailable'))
        ? true
        : undefined,
    )
    await setFaults(sandbox, { rules: [] })
    const before = await contractListCallsOf(keyId)

    // Another account's whole walk: the deleted one's walk, were it still going, would add pages.
    const other = await link(hub, 'owner-other', key)
    await waitFor('the other listing to answer', async () => {
      const page = await employeePage(other)
      return page.status === 200 ? page : undefined
    })
    expect((await contractListCallsOf(keyId)) - before).toBe(onePass)
    expect(logLines.join('\n')).not.toContain(key)
  })

  it('keeps the walk of an account relinked with the same key, and answers from it', async () => {
    const minted = (await sandboxAdmin(sandbox, 'POST', '/keys', {
      companyId,
      scopes: [...allScopes],
    })) as { key: string; keyId: string }
    const onePass = await contractPages(minted.key)
    const before = await contractListCallsOf(minted.keyId)
    const accountId = await link(hub, 'owner-relinked', minted.key)
    await setFaults(sandbox, { rules: [{ route: 'contractsFr.list', latencyMs: 40 }] })
    expect((await employeePage(accountId)).status).toBe(408)

    expect(await link(hub, 'owner-relinked', minted.key)).toBe(accountId)
    const answered = await waitFor('the listing to answer from the walk it started', async () => {
      const page = await employeePage(accountId)
      expect([200, 408]).toContain(page.status)
      return page.status === 200 ? page : undefined
    })
    await setFaults(sandbox, { rules: [] })
    expect(answered.body.data).toHaveLength(50)
    // The pages counted before the walk, then exactly one walk: the relink did not restart it.
    expect((await contractListCallsOf(minted.keyId)) - before).toBe(onePass)
  })
})
