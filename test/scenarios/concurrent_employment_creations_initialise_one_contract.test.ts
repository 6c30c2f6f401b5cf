import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sandboxAdmin } from '../conformance/sandbox-admin.ts'
import { startUnifiedFixture, type UnifiedFixture } from '../conformance/fixture.ts'
import { basicAuth } from '../harness.ts'

let fixture: UnifiedFixture
let companyId: string

beforeAll(async () => {
  fixture = await startUnifiedFixture({ employees: 20 })
  companyId = fixture.sandbox.companies[0]?.id ?? ''
})

afterAll(async () => {
  await fixture.close()
})

async function post(path: string, body: unknown) {
  const response = await fetch(`${fixture.hub.url}/unified/hris${path}`, {
    method: 'POST',
    headers: {
      authorization: basicAuth(fixture.hub.apiKey),
      'x-account-id': fixture.accounts.full,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  })
  return {
    status: response.status,
    body: (await response.json()) as { data?: { id: string } },
  }
}

async function inProgressContracts(): Promise<number> {
  const counts = (await sandboxAdmin(fixture.sandbox, 'GET', `/companies/${companyId}/counts`)) as {
    inProgressContracts: number
  }
  return counts.inProgressContracts
}

describe('concurrent employment creations', () => {
  it('initialise exactly one contract per employee and answer the others 409', async () => {
    for (const tag of ['a', 'b', 'c']) {
      const employee = await post('/employees', {
        first_name: 'Inès',
        last_name: `Concurrente-${tag}`,
        personal_email: `ines.${tag}@perso.example`,
      })
      expect(employee.status).toBe(201)
      const employeeId = employee.body.data?.id ?? ''
      const before = await inProgressContracts()

      const employment = { job_title: 'Comptable', effective_date: '2027-01-04' }
      const answers = await Promise.all([
        post(`/employees/${employeeId}/employments`, employment),
        post(`/employees/${employeeId}/employments`, employment),
      ])

      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409])
      expect(await inProgressContracts()).toBe(before + 1)
    }
  })
})
