import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { allScopes } from '../../src/sandbox/scopes.ts'
import { link } from '../conformance/fixture.ts'
import { sandboxAdmin } from '../conformance/sandbox-admin.ts'
import { bounded, isTypedError, startFaultRig, type FaultRig } from './support/fault-rig.ts'
import { readTargetContext, type TargetContext } from './support/upstream-calls.ts'

/*
 * A key PayFit revoked, met through each kind of hub route: the account turns to `error` with
 * `invalid_credentials` on the first PayFit refusal, the caller gets 412, and the next request
 * answers 412 without calling PayFit.
 */
let rig: FaultRig
let context: TargetContext

beforeAll(async () => {
  rig = await startFaultRig({ employees: 20, hub: { providerTimeoutMs: 1_500 } })
  context = await readTargetContext(rig)
})

afterAll(async () => {
  await rig.close()
})

const base = '/unified/hris'
const routes: { name: string; method: 'GET' | 'POST'; path: () => string; body?: object }[] = [
  { name: 'a list', method: 'GET', path: () => `${base}/employees?raw=true` },
  { name: 'a single read', method: 'GET', path: () => `${base}/employees/${context.employeeId}` },
  {
    name: 'a payslip download',
    method: 'GET',
    path: () => `${base}/employees/${context.employeeId}/documents/${context.documentId}/download`,
  },
  {
    name: 'an employee creation',
    method: 'POST',
    path: () => `${base}/employees`,
    body: { first_name: 'Révoqué', last_name: 'Essai', personal_email: 'revoque@perso.example' },
  },
  {
    name: 'a time off creation',
    method: 'POST',
    path: () => `${base}/employees/${context.employeeId}/time_off`,
    body: { time_off_policy_id: 'fr_rtt', start_date: '2032-02-02', end_date: '2032-02-02' },
  },
]

describe('a revoked PayFit key', () => {
  it.each(routes)('turns the account to error through $name', async (route) => {
    const company = rig.sandbox.companies[0]
    const minted = (await sandboxAdmin(rig.sandbox, 'POST', '/keys', {
      companyId: company?.id,
      scopes: allScopes,
    })) as { key: string }
    const accountId = await link(rig.hub, `owner-revoked-${route.name}`, minted.key)
    await sandboxAdmin(rig.sandbox, 'POST', '/keys/revoke', { key: minted.key })
    const call = {
      method: route.method,
      path: route.path(),
      body: route.body,
      headers: rig.unifiedHeaders(accountId),
    }

    const first = await bounded(rig.hub.url, call)
    expect(first.status, first.text).toBe(412)
    expect(isTypedError(first)).toBe(true)
    const account = await rig.hub.hub.services.accounts.get(rig.hub.project.id, accountId)
    expect(account.status).toBe('error')
    expect(account.status_reasons?.map((reason) => reason.code)).toEqual(['invalid_credentials'])

    await rig.resetStats()
    const second = await bounded(rig.hub.url, call)
    expect(second.status).toBe(412)
    expect(rig.proxy.seen()).toEqual([])
    expect(await rig.isHealthy()).toBe(true)
  })

  it('keeps the other accounts of the company active', async () => {
    expect(await rig.accountStatus(rig.accounts.fr)).toBe('active')
    const answer = await bounded(rig.hub.url, {
      method: 'GET',
      path: `${base}/employees?page_size=1`,
      headers: rig.unifiedHeaders(rig.accounts.fr),
    })
    expect(answer.status).toBe(200)
  })
})
