import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { basicAuth } from '../harness.ts'
import { callsByRoute, sandboxAdmin, setFaults } from '../conformance/sandbox-admin.ts'
import { startUnifiedFixture, type UnifiedFixture } from '../conformance/fixture.ts'

let fixture: UnifiedFixture
let companyId: string
let account: string

interface Counts {
  collaborators: number
  inProgressContracts: number
  absences: number
  cancelledAbsences: number
}

beforeAll(async () => {
  fixture = await startUnifiedFixture({ employees: 60 })
  account = fixture.accounts.full
  companyId = fixture.sandbox.companies[0]?.id ?? ''
})

afterAll(async () => {
  await fixture.close()
})

beforeEach(async () => {
  await sandboxAdmin(fixture.sandbox, 'DELETE', '/faults')
  await sandboxAdmin(fixture.sandbox, 'DELETE', '/stats')
})

async function counts(): Promise<Counts> {
  return (await sandboxAdmin(fixture.sandbox, 'GET', `/companies/${companyId}/counts`)) as Counts
}

async function send(method: string, path: string, body: unknown, key?: string) {
  const headers: Record<string, string> = {
    authorization: basicAuth(fixture.hub.apiKey),
    'x-account-id': account,
    'content-type': 'application/json',
  }
  if (key !== undefined) headers['idempotency-key'] = key
  const response = await fetch(`${fixture.hub.url}/unified/hris${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return {
    status: response.status,
    replayed: response.headers.get('idempotent-replayed'),
    text,
    body: JSON.parse(text) as { message: string; data?: { id?: string } },
  }
}

function person(tag: string) {
  return {
    first_name: 'Nora',
    last_name: `Petit-${tag}`,
    personal_email: `nora.${tag}@perso.example`,
  }
}

async function activeEmployee(): Promise<string> {
  const response = await fetch(`${fixture.hub.url}/unified/hris/employments?page_size=100`, {
    headers: { authorization: basicAuth(fixture.hub.apiKey), 'x-account-id': account },
  })
  const page = (await response.json()) as { data: { employee_id: string; active: boolean }[] }
  const perEmployee = new Map<string, number>()
  for (const item of page.data) {
    perEmployee.set(item.employee_id, (perEmployee.get(item.employee_id) ?? 0) + 1)
  }
  const found = page.data.find((item) => item.active && perEmployee.get(item.employee_id) === 1)
  if (found === undefined) throw new Error('no employee with one active contract')
  return found.employee_id
}

describe('Idempotency-Key on writes', () => {
  it('answers a retry with the first answer and creates nothing new', async () => {
    const before = await counts()
    const first = await send('POST', '/employees', person('a'), 'key-replay')
    const second = await send('POST', '/employees', person('a'), 'key-replay')

    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(second.text).toBe(first.text)
    expect(second.replayed).toBe('true')
    expect((await counts()).collaborators).toBe(before.collaborators + 1)
    expect((await callsByRoute(fixture.sandbox))['collaborators.create']).toBe(1)
  })

  it('answers 409 when the same key comes with another body', async () => {
    await send('POST', '/employees', person('b'), 'key-other-body')
    const reused = await send('POST', '/employees', person('c'), 'key-other-body')
    expect(reused.status).toBe(409)
    expect(reused.body.message).toMatch(/different request/)
  })

  it('keeps a final 400 for the key and replays it', async () => {
    const first = await send('POST', '/employees', { first_name: 'Solo' }, 'key-bad')
    const again = await send('POST', '/employees', { first_name: 'Solo' }, 'key-bad')
    expect(first.status).toBe(400)
    expect(again.status).toBe(400)
    expect(again.text).toBe(first.text)
  })

  it('forgets a key after 24 hours, so it may then carry another request', async () => {
    await send('POST', '/employees', person('old'), 'key-expiring')
    fixture.hub.clock.advance(25 * 60 * 60)
    const reused = await send('POST', '/employees', person('new'), 'key-expiring')
    expect(reused.status).toBe(201)
    expect(reused.replayed).toBeNull()
  })

  it('keeps keys apart per linked account', async () => {
    const before = await counts()
    const first = await send('POST', '/employees', person('j'), 'key-shared')
    account = fixture.accounts.guide
    try {
      const other = await send('POST', '/employees', person('j'), 'key-shared')
      expect(other.status).toBe(201)
      expect(other.replayed).toBeNull()
      expect(other.body.data?.id).not.toBe(first.body.data?.id)
    } finally {
      account = fixture.accounts.full
    }
    expect((await counts()).collaborators).toBe(before.collaborators + 2)
  })

  it('refuses a key longer than 255 characters or with control characters', async () => {
    expect((await send('POST', '/employees', person('d'), 'k'.repeat(256))).status).toBe(400)
    expect((await send('POST', '/employees', person('d'), 'tab\tkey')).status).toBe(400)
  })

  it('runs a concurrent duplicate once and answers the other 409 in progress', async () => {
    await setFaults(fixture.sandbox, { rules: [{ route: 'collaborators.create', latencyMs: 400 }] })
    const before = await counts()
    const answers = await Promise.all([
      send('POST', '/employees', person('e'), 'key-race'),
      send('POST', '/employees', person('e'), 'key-race'),
    ])
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409])
    expect(answers.find((answer) => answer.status === 409)?.body.message).toMatch(/in progress/)
    expect((await counts()).collaborators).toBe(before.collaborators + 1)
  })
})

describe('writes under upstream faults', () => {
  it('retries a create that PayFit refused with a 502 and makes one collaborator', async () => {
    const before = await counts()
    await setFaults(fixture.sandbox, {
      rules: [{ route: 'collaborators.create', errorRates: { '502': 1 } }],
    })
    const failed = await send('POST', '/employees', person('f'), 'key-502')
    expect(failed.status).toBe(502)
    expect(failed.body.message).toMatch(/may or may not have been applied/)

    await sandboxAdmin(fixture.sandbox, 'DELETE', '/faults')
    const retried = await send('POST', '/employees', person('f'), 'key-502')
    expect(retried.status).toBe(201)
    expect((await counts()).collaborators).toBe(before.collaborators + 1)
  })

  it('finds the collaborator a cut-off answer created instead of creating a second one', async () => {
    const before = await counts()
    await setFaults(fixture.sandbox, {
      rules: [{ route: 'collaborators.create', truncatedBodyRate: 1 }],
    })
    const failed = await send('POST', '/employees', person('g'), 'key-cut')
    expect(failed.status).toBe(502)
    expect((await counts()).collaborators).toBe(before.collaborators + 1)

    await sandboxAdmin(fixture.sandbox, 'DELETE', '/stats')
    const retried = await send('POST', '/employees', person('g'), 'key-cut')
    expect(retried.status).toBe(201)
    expect(retried.body.message).toMatch(/found in PayFit/)
    expect((await counts()).collaborators).toBe(before.collaborators + 1)
    expect((await callsByRoute(fixture.sandbox))['collaborators.create']).toBeUndefined()

    const read = await fetch(
      `${fixture.hub.url}/unified/hris/employees/${retried.body.data?.id ?? ''}`,
      {
        headers: { authorization: basicAuth(fixture.hub.apiKey), 'x-account-id': account },
      },
    )
    expect(((await read.json()) as { data: { last_name: string } }).data.last_name).toBe('Petit-g')
  })

  it('never repeats a write sent without a key, whatever PayFit answered', async () => {
    const before = await counts()
    await setFaults(fixture.sandbox, {
      rules: [{ route: 'collaborators.create', truncatedBodyRate: 1 }],
    })
    expect((await send('POST', '/employees', person('h'))).status).toBe(502)
    expect((await counts()).collaborators).toBe(before.collaborators + 1)

    await sandboxAdmin(fixture.sandbox, 'DELETE', '/stats')
    await setFaults(fixture.sandbox, {
      rules: [{ route: 'collaborators.create', errorRates: { '502': 1 } }],
    })
    expect((await send('POST', '/employees', person('i'))).status).toBe(502)
    expect((await callsByRoute(fixture.sandbox))['collaborators.create']).toBe(1)
    expect((await counts()).collaborators).toBe(before.collaborators + 1)
  })

  it('finds the absence a cut-off answer created instead of creating a second one', async () => {
    const employeeId = await activeEmployee()
    const before = await counts()
    const timeOff = {
      time_off_policy_id: 'fr_rtt',
      start_date: '2030-05-06',
      end_date: '2030-05-06',
      start_half_day: true,
    }
    await setFaults(fixture.sandbox, {
      rules: [{ route: 'absences.create', truncatedBodyRate: 1 }],
    })
    const path = `/employees/${employeeId}/time_off`
    expect((await send('POST', path, timeOff, 'key-absence')).status).toBe(502)
    await sandboxAdmin(fixture.sandbox, 'DELETE', '/faults')
    await sandboxAdmin(fixture.sandbox, 'DELETE', '/stats')

    const retried = await send('POST', path, timeOff, 'key-absence')
    expect(retried.status).toBe(201)
    expect(retried.body.message).toMatch(/found in PayFit/)
    expect((await counts()).absences).toBe(before.absences + 1)
    expect((await callsByRoute(fixture.sandbox))['absences.create']).toBeUndefined()
  })

  it('cancels with a comment from the query and replays the cancellation', async () => {
    const employeeId = await activeEmployee()
    const created = await send('POST', `/employees/${employeeId}/time_off`, {
      time_off_policy_id: 'fr_conges_payes',
      start_date: '2030-06-10',
      end_date: '2030-06-12',
    })
    const path = `/employees/${employeeId}/time_off/${created.body.data?.id ?? ''}?comment=Plans%20changed`
    const before = await counts()
    const cancelled = await send('DELETE', path, undefined, 'key-cancel')
    const again = await send('DELETE', path, undefined, 'key-cancel')
    expect(cancelled.status).toBe(200)
    expect(again.text).toBe(cancelled.text)
    expect((await counts()).cancelledAbsences).toBe(before.cancelledAbsences + 1)
  })
})
