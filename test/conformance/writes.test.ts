import {
  BadRequestResponse,
  ConflictResponse,
  ForbiddenResponse,
  UnprocessableEntityResponse,
} from '@stackone/stackone-client-ts/sdk/models/errors/index.js'
import {
  HrisCreateEmployeeRequestDtoSchemasGenderValue as GenderValue,
  HrisCreateEmployeeRequestDtoSchemasHomeLocationValue as CountryValue,
  type CreateResult,
} from '@stackone/stackone-client-ts/sdk/models/shared/index.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startUnifiedFixture, type UnifiedFixture } from './fixture.ts'
import { sandboxAdmin } from './sandbox-admin.ts'

let fixture: UnifiedFixture
let full: string
let companyId: string

interface Counts {
  collaborators: number
  contracts: number
  inProgressContracts: number
  absences: number
  cancelledAbsences: number
}

async function counts(): Promise<Counts> {
  return (await sandboxAdmin(fixture.sandbox, 'GET', `/companies/${companyId}/counts`)) as Counts
}

/** An employee whose only employment is active, so time off lands on it. */
async function employeeWithActiveContract(): Promise<string> {
  const page = await fixture.sdk.hris.listEmployments({ xAccountId: full, pageSize: '100' })
  const employments = page.employmentsPaginated?.data ?? []
  const countOf = new Map<string, number>()
  for (const employment of employments) {
    const employeeId = employment.employeeId ?? ''
    countOf.set(employeeId, (countOf.get(employeeId) ?? 0) + 1)
  }
  const single = employments.find(
    (employment) => employment.active === true && countOf.get(employment.employeeId ?? '') === 1,
  )
  if (single?.employeeId != null) return single.employeeId
  throw new Error('no employee with a single active contract')
}

/** The SDK parsed the body against its own CreateResult schema; this only unwraps it. */
function createdBody(result: CreateResult | undefined): CreateResult {
  if (result === undefined) throw new Error('no CreateResult')
  expect(result.timestamp).toBeInstanceOf(Date)
  return result
}

beforeAll(async () => {
  fixture = await startUnifiedFixture({ employees: 40 })
  full = fixture.accounts.full
  const company = fixture.sandbox.companies[0]
  if (company === undefined) throw new Error('no company')
  companyId = company.id
})

afterAll(async () => {
  await fixture.close()
})

describe('createEmployee through the SDK', () => {
  it('creates a collaborator, answers a CreateResult with its id, and reads it back', async () => {
    const before = await counts()
    const result = await fixture.sdk.hris.createEmployee({
      xAccountId: full,
      hrisCreateEmployeeRequestDto: {
        firstName: 'Léa',
        lastName: 'Martin',
        personalEmail: 'lea.martin@perso.example',
        personalPhoneNumber: '+33612345678',
        dateOfBirth: new Date('1991-04-23T00:00:00.000Z'),
        gender: { value: GenderValue.Female },
        nationalIdentityNumbers: [{ value: '291047512345638' }],
        homeLocation: {
          street1: '12 rue des Lilas',
          city: 'Lyon',
          zipCode: '69003',
          country: { value: CountryValue.Fr },
        },
      },
    })
    expect(result.statusCode).toBe(201)
    const body = createdBody(result.createResult)
    expect(body.statusCode).toBe(201)
    const id = body.data.id ?? ''
    expect(body.data.remoteId).toBe(id)
    expect((await counts()).collaborators).toBe(before.collaborators + 1)

    const read = await fixture.sdk.hris.getEmployee({ xAccountId: full, id })
    const employee = read.employeeResult?.data
    expect(employee?.firstName).toBe('Léa')
    expect(employee?.lastName).toBe('Martin')
    expect(employee?.personalEmail).toBe('lea.martin@perso.example')
    expect(employee?.dateOfBirth?.toISOString()).toBe('1991-04-23T00:00:00.000Z')
    expect(employee?.gender?.value).toBe('female')
  })

  it('answers 400 naming every field PayFit needs when they are missing', async () => {
    const failure = fixture.sdk.hris.createEmployee({
      xAccountId: full,
      hrisCreateEmployeeRequestDto: { lastName: 'Martin' },
    })
    await expect(failure).rejects.toBeInstanceOf(BadRequestResponse)
    await expect(failure).rejects.toThrow(/missing: first_name, personal_email/)
  })

  it('refuses a social security number of the wrong length for the company country', async () => {
    const failure = fixture.sdk.hris.createEmployee({
      xAccountId: full,
      hrisCreateEmployeeRequestDto: {
        firstName: 'Paul',
        lastName: 'Durand',
        personalEmail: 'paul@perso.example',
        nationalIdentityNumbers: [{ value: '1850375' }],
      },
    })
    await expect(failure).rejects.toThrow(/15 characters long for a company in FR/)
  })
})

describe('createEmployeeEmployment through the SDK', () => {
  it('initialises a contract, answers a pending id, and reads it back', async () => {
    const created = await fixture.sdk.hris.createEmployee({
      xAccountId: full,
      hrisCreateEmployeeRequestDto: {
        firstName: 'Hugo',
        lastName: 'Bernard',
        personalEmail: 'hugo.bernard@perso.example',
      },
    })
    const employeeId = created.createResult?.data.id ?? ''
    const before = await counts()

    const result = await fixture.sdk.hris.createEmployeeEmployment({
      xAccountId: full,
      id: employeeId,
      hrisCreateEmploymentRequestDto: {
        jobTitle: 'Product designer',
        effectiveDate: new Date('2031-03-01T00:00:00.000Z'),
      },
    })
    expect(result.statusCode).toBe(201)
    const body = createdBody(result.createResult)
    expect(body.data.id).toMatch(/^pending_/)
    expect(body.message).toMatch(/pending/i)
    expect((await counts()).inProgressContracts).toBe(before.inProgressContracts + 1)

    const read = await fixture.sdk.hris.getEmployeeEmployment({
      xAccountId: full,
      id: employeeId,
      subResourceId: body.data.id ?? '',
    })
    const employment = read.employmentResult?.data
    expect(employment?.jobTitle).toBe('Product designer')
    expect(employment?.employeeId).toBe(employeeId)
    expect(employment?.effectiveDate?.toISOString()).toBe('2031-03-01T00:00:00.000Z')

    const second = fixture.sdk.hris.createEmployeeEmployment({
      xAccountId: full,
      id: employeeId,
      hrisCreateEmploymentRequestDto: {
        jobTitle: 'Lead designer',
        effectiveDate: new Date('2031-04-01T00:00:00.000Z'),
      },
    })
    await expect(second).rejects.toBeInstanceOf(ConflictResponse)
    expect((await counts()).inProgressContracts).toBe(before.inProgressContracts + 1)
  })

  it('answers 400 naming job_title and effective_date when both are missing', async () => {
    const employeeId = await employeeWithActiveContract()
    const failure = fixture.sdk.hris.createEmployeeEmployment({
      xAccountId: full,
      id: employeeId,
      hrisCreateEmploymentRequestDto: {},
    })
    await expect(failure).rejects.toBeInstanceOf(BadRequestResponse)
    await expect(failure).rejects.toThrow(/missing: job_title, effective_date/)
  })
})

describe('time off requests through the SDK', () => {
  it('creates a half-day time off, reads it back, cancels it and reads it cancelled', async () => {
    const employeeId = await employeeWithActiveContract()
    const before = await counts()
    const result = await fixture.sdk.hris.createEmployeeTimeOffRequest({
      xAccountId: full,
      id: employeeId,
      hrisCreateTimeOffRequestDto: {
        timeOffPolicyId: 'fr_conges_payes',
        startDate: '2030-07-01T00:00:00',
        endDate: '2030-07-03T00:00:00',
        endHalfDay: true,
      },
    })
    expect(result.statusCode).toBe(201)
    const id = createdBody(result.createResult).data.id ?? ''
    expect((await counts()).absences).toBe(before.absences + 1)

    const read = await fixture.sdk.hris.getEmployeesTimeOffRequest({
      xAccountId: full,
      id: employeeId,
      subResourceId: id,
    })
    const timeOff = read.timeOffResult?.data
    expect(timeOff?.status?.value).toBe('approved')
    expect(timeOff?.reason?.id).toBe('fr_conges_payes')
    expect(timeOff?.startDate).toBe('2030-07-01T00:00:00.000Z')
    expect(timeOff?.endHalfDay).toBe(true)
    expect(timeOff?.startHalfDay).toBe(false)

    const cancelled = await fixture.sdk.hris.cancelEmployeeTimeOffRequest({
      xAccountId: full,
      id: employeeId,
      subResourceId: id,
    })
    expect(cancelled.statusCode).toBe(200)
    expect(cancelled.deleteResult?.statusCode).toBe(200)
    expect(cancelled.deleteResult?.timestamp).toBeInstanceOf(Date)
    const after = await fixture.sdk.hris.getTimeOffRequest({ xAccountId: full, id })
    expect(after.timeOffResult?.data.status?.value).toBe('cancelled')
  })

  it('answers 400 listing the creatable types when the type is unknown', async () => {
    const employeeId = await employeeWithActiveContract()
    const failure = fixture.sdk.hris.createEmployeeTimeOffRequest({
      xAccountId: full,
      id: employeeId,
      hrisCreateTimeOffRequestDto: {
        timeOffPolicyId: 'fr_maternite',
        startDate: '2030-08-01',
        endDate: '2030-08-01',
      },
    })
    await expect(failure).rejects.toBeInstanceOf(BadRequestResponse)
    await expect(failure).rejects.toThrow(/annual_leave.*fr_conges_payes/)
  })

  it('answers 403 naming time:write for a key without it', async () => {
    const employeeId = await employeeWithActiveContract()
    const failure = fixture.sdk.hris.createEmployeeTimeOffRequest({
      xAccountId: fixture.accounts.guide,
      id: employeeId,
      hrisCreateTimeOffRequestDto: {
        timeOffPolicyId: 'fr_maladie_ordinaire',
        startDate: '2030-09-01',
        endDate: '2030-09-01',
      },
    })
    await expect(failure).rejects.toBeInstanceOf(ForbiddenResponse)
    await expect(failure).rejects.toThrow(/time:write/)
  })

  it('answers 422 when the employee has no active contract', async () => {
    const created = await fixture.sdk.hris.createEmployee({
      xAccountId: full,
      hrisCreateEmployeeRequestDto: {
        firstName: 'Inès',
        lastName: 'Roux',
        personalEmail: 'ines.roux@perso.example',
      },
    })
    const failure = fixture.sdk.hris.createEmployeeTimeOffRequest({
      xAccountId: full,
      id: created.createResult?.data.id ?? '',
      hrisCreateTimeOffRequestDto: {
        timeOffPolicyId: 'fr_conges_payes',
        startDate: '2030-10-01',
        endDate: '2030-10-02',
      },
    })
    await expect(failure).rejects.toBeInstanceOf(UnprocessableEntityResponse)
    await expect(failure).rejects.toThrow(/no active contract/)
  })
})
