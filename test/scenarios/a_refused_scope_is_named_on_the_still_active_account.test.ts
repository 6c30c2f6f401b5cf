import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startUnifiedFixture, type UnifiedFixture } from '../conformance/fixture.ts'
import { basicAuth } from '../harness.ts'

let fixture: UnifiedFixture

beforeAll(async () => {
  fixture = await startUnifiedFixture({ employees: 5 })
})

afterAll(async () => {
  await fixture.close()
})

function call(method: string, path: string, body?: unknown) {
  return fetch(`${fixture.hub.url}${path}`, {
    method,
    headers: {
      authorization: basicAuth(fixture.hub.apiKey),
      'x-account-id': fixture.accounts.guide,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

interface Account {
  status: string
  status_reasons: { code: string; description: string; timestamp: string }[] | null
}

describe('a scope the provider refuses for one operation', () => {
  it('is named in the status reasons once, and the account stays active', async () => {
    const employees = (await (await call('GET', '/unified/hris/employees')).json()) as {
      data: { id: string }[]
    }
    const employeeId = employees.data[0]?.id ?? ''
    const timeOff = {
      time_off_policy_id: 'fr_maladie_ordinaire',
      start_date: '2030-09-01',
      end_date: '2030-09-01',
    }

    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await call('POST', `/unified/hris/employees/${employeeId}/time_off`, timeOff)
      expect(refused.status).toBe(403)
    }

    const account = (await (
      await call('GET', `/accounts/${fixture.accounts.guide}`)
    ).json()) as Account
    expect(account.status).toBe('active')
    expect(account.status_reasons).toEqual([
      {
        code: 'missing_scope',
        description: expect.stringContaining('"time:write"') as unknown,
        timestamp: expect.any(String) as unknown,
      },
    ])
    expect((await call('GET', '/unified/hris/employees')).status).toBe(200)
  })
})
