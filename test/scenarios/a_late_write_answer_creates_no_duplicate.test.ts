import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { link, startUnifiedFixture, type UnifiedFixture } from '../conformance/fixture.ts'
import { callsByRoute, sandboxAdmin, setFaults } from '../conformance/sandbox-admin.ts'
import { basicAuth } from '../harness.ts'
import { waitFor } from '../wait-for.ts'

/*
 * The hub gives PayFit 600 ms per call here, and the sandbox answers writes later than that:
 * either it applies the write and then sends its answer slowly, or it waits before applying it.
 * Either way the hub sees a timeout while PayFit has the record.
 */
let fixture: UnifiedFixture
let companyId: string
let account: string
let britishAccount: string

interface Counts {
  collaborators: number
  inProgressContracts: number
  absences: number
}

beforeAll(async () => {
  fixture = await startUnifiedFixture(
    { employees: 40, countries: ['FR', 'GB'] },
    { providerTimeoutMs: 600 },
  )
  account = fixture.accounts.full
  companyId = fixture.sandbox.companies[0]?.id ?? ''
  britishAccount = await link(
    fixture.hub,
    'owner-gb',
    fixture.sandbox.companies[1]?.keys.full ?? '',
  )
})

afterAll(async () => {
  await fixture.close()
})

beforeEach(async () => {
  await sandboxAdmin(fixture.sandbox, 'DELETE', '/faults')
})

async function counts(): Promise<Counts> {
  return (await sandboxAdmin(fixture.sandbox, 'GET', `/companies/${companyId}/counts`)) as Counts
}

/** Polls the sandbox's counts until `done` holds, failing after five seconds. */
function waitForCounts(done: (counts: Counts) => boolean): Promise<Counts> {
  return waitFor(
    'the sandbox counts to match',
    async () => {
      const current = await counts()
      return done(current) ? current : undefined
    },
    5_000,
  )
}

async function send(path: string, body: unknown, options: { key?: string; account?: string } = {}) {
  const headers: Record<string, string> = {
    authorization: basicAuth(fixture.hub.apiKey),
    'x-account-id': options.account ?? account,
    'content-type': 'application/json',
  }
  if (options.key !== undefined) headers['idempotency-key'] = options.key
  const response = await fetch(`${fixture.hub.url}/unified/hris${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  })
  return {
    status: response.status,
    body: (await response.json()) as { message: string; data?: { id?: string | null } },
  }
}

async function newEmployee(tag: string): Promise<string> {
  const created = await send('/employees', {
    first_name: 'Jules',
    last_name: `Moreau-${tag}`,
    personal_email: `jules.${tag}@perso.example`,
  })
  return created.body.data?.id ?? ''
}

describe('writes whose answer PayFit sends too late', () => {
  it('finds the collaborator after a timeout instead of creating a second one', async () => {
    const before = await counts()
    await setFaults(fixture.sandbox, {
      rules: [{ route: 'collaborators.create', slowBodyMs: 2_000 }],
    })
    const person = { first_name: 'Zoé', last_name: 'Lambert', personal_email: 'zoe@perso.example' }
    const failed = await send('/employees', person, { key: 'slow-employee' })
    expect(failed.status).toBe(502)
    expect(failed.body.message).toMatch(/may or may not have been applied/)

    await sandboxAdmin(fixture.sandbox, 'DELETE', '/faults')
    await sandboxAdmin(fixture.sandbox, 'DELETE', '/stats')
    const retried = await send('/employees', person, { key: 'slow-employee' })
    expect(retried.status).toBe(201)
    expect((await counts()).collaborators).toBe(before.collaborators + 1)
    expect((await callsByRoute(fixture.sandbox))['collaborators.create']).toBeUndefined()
  })

  it('finds the contract an unanswered attempt initialised and answers its pending id', async () => {
    const employeeId = await newEmployee('contract')
    const before = await counts()
    await setFaults(fixture.sandbox, {
      rules: [{ route: 'contracts.create', afterApply: true, errorRates: { '502': 1 } }],
    })
    const employment = { job_title: 'Data analyst', effective_date: '2031-01-05' }
    const path = `/employees/${employeeId}/employments`
    expect((await send(path, employment, { key: 'lost-contract' })).status).toBe(502)
    await sandboxAdmin(fixture.sandbox, 'DELETE', '/faults')
    expect((await counts()).inProgressContracts).toBe(before.inProgressContracts + 1)

    const withoutKey = await send(path, employment)
    expect(withoutKey.status).toBe(409)

    await sandboxAdmin(fixture.sandbox, 'DELETE', '/stats')
    const retried = await send(path, employment, { key: 'lost-contract' })
    expect(retried.status).toBe(201)
    const pendingId = retried.body.data?.id ?? ''
    expect(pendingId).toMatch(/^pending_/)
    expect((await counts()).inProgressContracts).toBe(before.inProgressContracts + 1)
    expect((await callsByRoute(fixture.sandbox))['contracts.create']).toBeUndefined()

    const read = await fetch(
      `${fixture.hub.url}/unified/hris/employees/${employeeId}/employments/${pendingId}`,
      { headers: { authorization: basicAuth(fixture.hub.apiKey), 'x-account-id': account } },
    )
    const shown = (await read.json()) as { data: { id: string; job_title: string } }
    expect(shown.data.job_title).toBe('Data analyst')
    expect(shown.data.id).not.toBe(pendingId)
  })

  it('sends the contract again when the unanswered attempt never reached PayFit', async () => {
    const employeeId = await newEmployee('refused')
    const before = await counts()
    await setFaults(fixture.sandbox, {
      rules: [{ route: 'contracts.create', errorRates: { '502': 1 } }],
    })
    const employment = { job_title: 'Accountant', effective_date: '2031-02-02' }
    const path = `/employees/${employeeId}/employments`
    expect((await send(path, employment, { key: 'refused-contract' })).status).toBe(502)
    await sandboxAdmin(fixture.sandbox, 'DELETE', '/faults')

    const retried = await send(path, employment, { key: 'refused-contract' })
    expect(retried.status).toBe(201)
    expect((await counts()).inProgressContracts).toBe(before.inProgressContracts + 1)
  })

  it('finds the absence after a timeout instead of creating a second one', async () => {
    const employments = await fetch(`${fixture.hub.url}/unified/hris/employments?page_size=100`, {
      headers: { authorization: basicAuth(fixture.hub.apiKey), 'x-account-id': account },
    })
    const list = (await employments.json()) as { data: { employee_id: string; active: boolean }[] }
    const employeeId = list.data.find((item) => item.active)?.employee_id ?? ''
    const before = await counts()
    await setFaults(fixture.sandbox, { rules: [{ route: 'absences.create', slowBodyMs: 2_000 }] })
    const timeOff = {
      time_off_policy_id: 'fr_teletravail',
      start_date: '2030-11-03',
      end_date: '2030-11-04',
    }
    const path = `/employees/${employeeId}/time_off`
    expect((await send(path, timeOff, { key: 'slow-absence' })).status).toBe(502)
    await waitForCounts((now) => now.absences === before.absences + 1)

    await sandboxAdmin(fixture.sandbox, 'DELETE', '/faults')
    const retried = await send(path, timeOff, { key: 'slow-absence' })
    expect(retried.status).toBe(201)
    expect((await counts()).absences).toBe(before.absences + 1)
  })
})

describe('employments outside France', () => {
  it('answers 422 saying contract creation is for French companies only', async () => {
    const british = fixture.sandbox.companies[1]
    const created = await send(
      '/employees',
      { first_name: 'Amelia', last_name: 'Jones', personal_email: 'amelia@perso.example' },
      { account: britishAccount },
    )
    expect(created.status).toBe(201)
    const refused = await send(
      `/employees/${created.body.data?.id ?? ''}/employments`,
      { job_title: 'Engineer', effective_date: '2031-02-01' },
      { account: britishAccount },
    )
    expect(refused.status).toBe(422)
    expect(refused.body.message).toMatch(/only for French companies.*GB/)
    const britishCounts = (await sandboxAdmin(
      fixture.sandbox,
      'GET',
      `/companies/${british?.id ?? ''}/counts`,
    )) as Counts
    expect(britishCounts.inProgressContracts).toBe(0)
  })
})
