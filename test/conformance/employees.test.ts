import { StackOne } from '@stackone/stackone-client-ts'
import {
  BadRequestResponse,
  NotFoundResponse,
  PreconditionFailedResponse,
} from '@stackone/stackone-client-ts/sdk/models/errors/index.js'
import type { Employee } from '@stackone/stackone-client-ts/sdk/models/shared/index.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { walk } from '../../src/sandbox/test-client.ts'
import { startUnifiedFixture, type UnifiedFixture } from './fixture.ts'

interface SandboxCollaborator {
  id: string
  firstName: string
  lastName: string
  birthDate: string | null
  matricule: string | null
  managerId?: string | null
  terminationDate: string | null
  emails: { email: string; type: string }[]
}

interface SandboxContract {
  contractId: string
  collaboratorId: string
  jobName: string
  startDate: string
  endDate: string | null
  status: string
}

let fixture: UnifiedFixture
let collaborators: SandboxCollaborator[]
let contracts: SandboxContract[]

beforeAll(async () => {
  fixture = await startUnifiedFixture({ employees: 80, today: '2026-06-15' })
  const company = fixture.sandbox.companies[0]
  if (company === undefined) throw new Error('no company')
  const base = `/companies/${company.id}`
  collaborators = (
    await walk(fixture.sandbox, `${base}/collaborators`, company.keys.full, 'collaborators', 50)
  ).items as unknown as SandboxCollaborator[]
  contracts = (
    await walk(fixture.sandbox, `${base}/contracts-fr`, company.keys.full, 'contracts', 50)
  ).items as unknown as SandboxContract[]
})

afterAll(async () => {
  await fixture.close()
})

async function allEmployees(accountId: string, pageSize: string): Promise<Employee[]> {
  const employees: Employee[] = []
  const pages = await fixture.sdk.hris.listEmployees({ xAccountId: accountId, pageSize })
  for await (const page of pages) employees.push(...(page.employeesPaginated?.data ?? []))
  return employees
}

describe('employees through the official SDK', () => {
  it('lists every collaborator once, across PayFit pages, with a 7-item unified page', async () => {
    const employees = await allEmployees(fixture.accounts.guide, '7')
    const ids = employees.map((employee) => employee.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(collaborators.map((c) => c.id).sort())
  })

  it('matches the sandbox on names, birth dates, managers, job titles and statuses', async () => {
    const employees = new Map(
      (await allEmployees(fixture.accounts.guide, '100')).map((e) => [e.id, e]),
    )
    let running = 0
    let ended = 0
    for (const collaborator of collaborators) {
      const employee = employees.get(collaborator.id)
      expect(employee?.firstName).toBe(collaborator.firstName)
      expect(employee?.lastName).toBe(collaborator.lastName)
      expect(employee?.dateOfBirth?.toISOString() ?? null).toBe(
        collaborator.birthDate === null ? null : `${collaborator.birthDate}T00:00:00.000Z`,
      )
      // `manager_id` is deprecated in the SDK's types but still on the wire and still parsed.
      const { managerId } = (employee ?? {}) as { managerId?: string | null }
      expect(managerId ?? null).toBe(collaborator.managerId ?? null)
      expect(employee?.employeeNumber ?? null).toBe(collaborator.matricule)

      const own = contracts.filter((c) => c.collaboratorId === collaborator.id)
      expect(employee?.employments?.map((e) => e.id).sort()).toEqual(
        own.map((c) => c.contractId).sort(),
      )
      const [only] = own
      if (
        own.length === 1 &&
        only?.status === 'ACTIVE' &&
        only.endDate === null &&
        collaborator.terminationDate === null
      ) {
        running += 1
        expect(employee?.jobTitle).toBe(only.jobName)
        expect(employee?.employmentStatus?.value).toBe('active')
        expect(employee?.startDate?.toISOString()).toBe(`${only.startDate}T00:00:00.000Z`)
      }
      if (own.length > 0 && own.every((c) => c.status === 'ARCHIVED')) {
        ended += 1
        expect(employee?.employmentStatus?.value).toBe('terminated')
      }
    }
    expect(running).toBeGreaterThan(10)
    expect(ended).toBeGreaterThan(0)
  })

  it('reads one employee with the same content as the list', async () => {
    const [listed] = (await allEmployees(fixture.accounts.guide, '1')).slice(3, 4)
    const fetched = await fixture.sdk.hris.getEmployee({
      xAccountId: fixture.accounts.guide,
      id: listed?.id ?? '',
    })
    expect(fetched.employeeResult?.data).toEqual(listed)
  })

  it('filters by professional email through PayFit and by employee number while walking', async () => {
    const target = collaborators.find(
      (c) => c.matricule !== null && c.emails.some((e) => e.type === 'professional'),
    )
    const email = target?.emails.find((e) => e.type === 'professional')?.email
    const byEmail = await fixture.sdk.hris.listEmployees({
      xAccountId: fixture.accounts.guide,
      filter: { email },
    })
    expect(byEmail.employeesPaginated?.data.map((e) => e.id)).toEqual([target?.id])

    const byNumber = await fixture.sdk.hris.listEmployees({
      xAccountId: fixture.accounts.guide,
      filter: { employeeNumber: target?.matricule },
    })
    expect(byNumber.employeesPaginated?.data.map((e) => e.id)).toEqual([target?.id])
    expect(byNumber.employeesPaginated?.next ?? null).toBeNull()
  })

  it('keeps only the requested fields and adds the PayFit calls when raw is asked', async () => {
    const page = await fixture.sdk.hris.listEmployees({
      xAccountId: fixture.accounts.guide,
      pageSize: '2',
      fields: 'id,first_name',
      raw: true,
    })
    const paginated = page.employeesPaginated
    expect(Object.keys(paginated?.data[0] ?? {}).sort()).toEqual(['firstName', 'id'])
    expect(paginated?.raw?.map((call) => call.method)).toContain('GET')
    expect(JSON.stringify(paginated?.raw)).not.toContain(fixture.sandbox.companies[0]?.keys.guide)
  })

  it('answers an unknown employee with NotFoundResponse', async () => {
    await expect(
      fixture.sdk.hris.getEmployee({ xAccountId: fixture.accounts.guide, id: 'no-such-employee' }),
    ).rejects.toBeInstanceOf(NotFoundResponse)
  })

  it('answers an unknown account and another project account with NotFoundResponse', async () => {
    await expect(
      fixture.sdk.hris.listEmployees({ xAccountId: 'acc_unknown' }),
    ).rejects.toBeInstanceOf(NotFoundResponse)

    const stranger = new StackOne({
      serverURL: fixture.hub.url,
      security: { username: await fixture.hub.createProjectKey('stranger'), password: '' },
      retryConfig: { strategy: 'none' },
    })
    const refused = stranger.hris.listEmployees({ xAccountId: fixture.accounts.guide })
    await expect(refused).rejects.toBeInstanceOf(NotFoundResponse)
    await expect(refused).rejects.toMatchObject({ message: 'Account not found' })
  })

  it('answers a malformed cursor with BadRequestResponse', async () => {
    await expect(
      fixture.sdk.hris.listEmployees({ xAccountId: fixture.accounts.guide, next: 'not-a-cursor' }),
    ).rejects.toBeInstanceOf(BadRequestResponse)
  })

  it('refuses a cursor minted for another account', async () => {
    const first = await fixture.sdk.hris.listEmployees({
      xAccountId: fixture.accounts.guide,
      pageSize: '2',
    })
    const next = first.employeesPaginated?.next ?? ''
    expect(next).not.toBe('')
    await expect(
      fixture.sdk.hris.listEmployees({ xAccountId: fixture.accounts.full, pageSize: '2', next }),
    ).rejects.toBeInstanceOf(BadRequestResponse)
  })

  it('types a disabled account as PreconditionFailedResponse', async () => {
    const company = fixture.sandbox.companies[0]
    const revokedLater = await fixture.hub.hub.services.accounts.recordError(
      fixture.hub.project.id,
      fixture.accounts.full,
      { code: 'invalid_credentials', description: 'PayFit refused the stored API key' },
    )
    expect(revokedLater.status).toBe('error')
    expect(company).toBeDefined()
    await expect(
      fixture.sdk.hris.listEmployees({ xAccountId: fixture.accounts.full }),
    ).rejects.toBeInstanceOf(PreconditionFailedResponse)
  })
})
