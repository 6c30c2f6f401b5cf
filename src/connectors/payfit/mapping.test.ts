import {
  EmployeesPaginated$inboundSchema,
  EmploymentsPaginated$inboundSchema,
  TimeOffPaginated$inboundSchema,
} from '@stackone/stackone-client-ts/sdk/models/shared/index.js'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'

import { ProviderSchemaError } from '../../errors.ts'
import { employeeSchema } from '../../unified/employee.ts'
import { employmentSchema } from '../../unified/employment.ts'
import { timeOffSchema } from '../../unified/time-off.ts'
import { collaboratorToEmployee, contractToEmployment, absenceToTimeOff } from './mapping.ts'
import {
  absenceWith,
  afternoonRtt,
  camille,
  camilleJson,
  camilleWithoutScopes,
  company,
  frenchContract,
  frenchContractWith,
  globalContract,
  paidLeave,
} from './mapping/fixtures.ts'
import { timeOffTypeByAbsenceType } from './mapping/enums.ts'
import { payfitCollaboratorSchema, type PayfitCollaborator } from './schemas.ts'

/** Valid for our schema with no key stripped, and for the official SDK's own parser. */
function expectServable<T>(
  schema: z.ZodType<T>,
  sdk: { parse: (v: unknown) => unknown },
  value: T,
) {
  expect(schema.parse(value)).toEqual(value)
  expect(() => sdk.parse({ data: [value], next: null })).not.toThrow()
  return value
}

const today = '2026-03-02'

function employeeOf(collaborator: PayfitCollaborator, contracts = [frenchContract]) {
  const employee = collaboratorToEmployee(collaborator, { company, contracts, today })
  return expectServable(employeeSchema, EmployeesPaginated$inboundSchema, employee)
}

function collaboratorWith(changes: Record<string, unknown>): PayfitCollaborator {
  return payfitCollaboratorSchema.parse({ ...camilleJson, ...changes })
}

describe('collaboratorToEmployee', () => {
  it('maps the documented collaborator with every scope granted', () => {
    const employee = employeeOf(camille)

    expect(employee).toMatchObject({
      id: camille.id,
      remote_id: camille.id,
      first_name: 'Camille',
      last_name: 'Rousseau',
      name: 'Camille Rousseau',
      display_name: 'Camille Rousseau',
      gender: { value: 'female', source_value: 'female' },
      date_of_birth: '1991-07-12T00:00:00.000Z',
      work_email: 'camille.rousseau@atelier-brioche.fr',
      personal_email: 'camille.r91@mailbox.example',
      personal_phone_number: '+33612345678',
      work_phone_number: null,
      manager_id: 'a9d4e1f7-2c3b-4f58-8e16-0b7d5c2a9f31',
      citizenships: [{ value: 'FR', source_value: 'FR' }],
      national_identity_numbers: [
        {
          value: '291076912345620',
          type: { value: 'nir', source_value: 'FR' },
          country: { value: 'FR', source_value: 'FR' },
        },
      ],
      employee_number: 'EMP-0042',
      employment_status: { value: 'active', source_value: 'ACTIVE' },
      hire_date: '2021-09-01T00:00:00.000Z',
      start_date: '2021-09-01T00:00:00.000Z',
      termination_date: null,
      job_title: 'Cheffe de production',
      company_id: company.id,
      company: { id: company.id, remote_id: company.id, name: 'Atelier Brioche SAS' },
      employment_type: { value: 'permanent', source_value: '01' },
      employment_contract_type: { value: 'full_time', source_value: true },
    })
    expect(employee.home_location).toMatchObject({
      id: `${camille.id}-home`,
      street_1: '8 avenue Jean Jaurès',
      city: 'Lyon',
      zip_code: '69007',
      country: { value: 'FR', source_value: 'FR' },
      location_type: { value: 'home', source_value: 'personal' },
    })
    expect(employee.work_location).toMatchObject({ id: `${company.id}-work`, city: 'PARIS' })
    expect(employee.employments?.map((e) => e.id)).toEqual(['64b7c1a5f1a9d3004e8a52d1'])
    expect(employee.groups).toEqual([
      expect.objectContaining({
        name: 'Production',
        type: { value: 'team', source_value: 'teamName' },
      }),
    ])
  })

  it('leaves scope-gated fields null instead of failing when only collaborators:read is granted', () => {
    const employee = employeeOf(camilleWithoutScopes, [])

    expect(employee).toMatchObject({
      manager_id: null,
      citizenships: null,
      national_identity_numbers: [],
      home_location: null,
      personal_phone_number: null,
      employments: [],
      job_title: null,
      start_date: null,
      hire_date: null,
      employment_status: { value: 'unknown', source_value: null },
    })
    expect(employee.groups).toEqual([])
  })

  it('marks a collaborator whose contracts are all archived as terminated on the last end date', () => {
    const archived = frenchContractWith({ status: 'ARCHIVED', endDate: '2025-06-30' })
    const employee = employeeOf(collaboratorWith({ contracts: [] }), [archived])

    expect(employee.employment_status).toEqual({ value: 'terminated', source_value: 'ARCHIVED' })
    expect(employee.termination_date).toBe('2025-06-30T00:00:00.000Z')
    expect(employee.employments?.[0]?.active).toBe(false)
  })

  it.each([
    ['2026-03-01', 'terminated', '2026-03-01'],
    [today, 'active', 'ACTIVE'],
    ['2026-04-30', 'active', 'ACTIVE'],
  ])('with terminationDate %s and an active contract the status is %s', (date, value, source) => {
    const employee = employeeOf(collaboratorWith({ terminationDate: date }))

    expect(employee.employment_status).toEqual({ value, source_value: source })
    expect(employee.termination_date).toBe(`${date}T00:00:00.000Z`)
  })

  it('marks a collaborator with only a pending contract as pending', () => {
    const pending = frenchContractWith({ status: 'PENDING', startDate: '2026-05-01' })
    const employee = employeeOf(collaboratorWith({ contracts: [] }), [pending])

    expect(employee.employment_status).toEqual({ value: 'pending', source_value: 'PENDING' })
    expect(employee.start_date).toBe('2026-05-01T00:00:00.000Z')
  })

  it('reads the status from the collaborator contract summaries when contracts are not readable', () => {
    expect(employeeOf(camille, []).employment_status).toEqual({
      value: 'active',
      source_value: 'ACTIVE',
    })
  })

  it('takes the hire date from the first contract and the start date from the current one', () => {
    const internship = frenchContractWith({
      contractId: 'c-intern',
      natureContratDsn: '29',
      status: 'ARCHIVED',
      startDate: '2020-02-01',
      endDate: '2020-07-31',
      jobName: 'Stagiaire production',
    })
    const employee = employeeOf(collaboratorWith({ contracts: [] }), [frenchContract, internship])

    expect(employee.hire_date).toBe('2020-02-01T00:00:00.000Z')
    expect(employee.start_date).toBe('2021-09-01T00:00:00.000Z')
    expect(employee.job_title).toBe('Cheffe de production')
    expect(employee.employments?.map((e) => e.id)).toEqual(['c-intern', frenchContract.contractId])
  })

  it('uses an email of unknown type as personal email only when there is no other email', () => {
    const onlyUnknown = collaboratorWith({ emails: [{ email: 'x@example.com', type: 'unknown' }] })
    const withWork = collaboratorWith({
      emails: [
        { email: 'x@example.com', type: 'unknown' },
        { email: 'work@example.com', type: 'professional' },
      ],
    })

    expect(employeeOf(onlyUnknown)).toMatchObject({
      personal_email: 'x@example.com',
      work_email: null,
    })
    expect(employeeOf(withWork)).toMatchObject({
      personal_email: null,
      work_email: 'work@example.com',
    })
  })

  it('keeps an unknown gender as unmapped_value with its source', () => {
    expect(employeeOf(collaboratorWith({ gender: 'nonbinary' })).gender).toEqual({
      value: 'unmapped_value',
      source_value: 'nonbinary',
    })
  })

  it.each([
    ['GB', 'nin'],
    ['ES', 'nss'],
    ['DE', 'unmapped_value'],
  ])('types the social security number of a %s company as %s', (country, type) => {
    const employee = collaboratorToEmployee(camille, {
      company: { ...company, country },
      contracts: [globalContract],
      today,
    })

    expect(employeeSchema.parse(employee).national_identity_numbers?.[0]?.type).toEqual({
      value: type,
      source_value: country,
    })
  })

  it('sends a French temporary technical number as a national id of type other', () => {
    const employee = employeeOf(
      collaboratorWith({ socialSecurityNumber: null, temporaryTechnicalNumber: '1234567' }),
    )

    expect(employee.national_identity_numbers).toEqual([
      {
        value: '1234567',
        type: { value: 'other', source_value: 'temporaryTechnicalNumber' },
        country: { value: 'FR', source_value: 'FR' },
      },
    ])
  })

  it('adds a Spanish second surname to the full name unless the last name already holds it', () => {
    const apart = collaboratorWith({ lastName: 'García', secondLastName: 'López' })
    const inside = collaboratorWith({ lastName: 'García López', secondLastName: 'López' })

    expect(employeeOf(apart).name).toBe('Camille García López')
    expect(employeeOf(inside).name).toBe('Camille García López')
  })

  it('maps an address country given as a name to its code', () => {
    const address = { ...camilleJson.addresses[0], country: 'France' }
    const employee = employeeOf(collaboratorWith({ addresses: [address] }))

    expect(employee.home_location?.country).toEqual({ value: 'FR', source_value: 'France' })
  })

  it('reports an impossible birth date as provider drift', () => {
    const collaborator = collaboratorWith({ birthDate: '1991-02-30' })

    expect(() => collaboratorToEmployee(collaborator, { company, contracts: [], today })).toThrow(
      ProviderSchemaError,
    )
  })
})

function employmentOf(contract: Parameters<typeof contractToEmployment>[0]) {
  return expectServable(
    employmentSchema,
    EmploymentsPaginated$inboundSchema,
    contractToEmployment(contract),
  )
}

describe('contractToEmployment', () => {
  it('maps the documented French contract', () => {
    expect(employmentOf(frenchContract)).toEqual({
      id: '64b7c1a5f1a9d3004e8a52d1',
      remote_id: '64b7c1a5f1a9d3004e8a52d1',
      employee_id: '3f0c9b2e-5d7a-4c61-9e48-1b2a7d6c8e90',
      remote_employee_id: '3f0c9b2e-5d7a-4c61-9e48-1b2a7d6c8e90',
      job_title: 'Cheffe de production',
      effective_date: '2021-09-01T00:00:00.000Z',
      start_date: '2021-09-01T00:00:00.000Z',
      end_date: null,
      type: { label: 'Permanent contract (CDI)', type: { value: 'permanent', source_value: '01' } },
      employment_type: { value: 'permanent', source_value: '01' },
      contract_type: { contract_type: { value: 'full_time', source_value: true } },
      employment_contract_type: { value: 'full_time', source_value: true },
      fte: 1,
      work_time: { duration: 'PT35H', duration_unit: { value: 'week', source_value: 35 } },
      active: true,
    })
  })

  it('maps a 28-hour week to part time with fte 0.8', () => {
    const partTime = frenchContractWith({
      standardWeeklyHours: 28,
      fullTimeEquivalent: 0.8,
      isFullTime: false,
    })

    expect(employmentOf(partTime)).toMatchObject({
      fte: 0.8,
      contract_type: { contract_type: { value: 'part_time', source_value: false } },
      work_time: { duration: 'PT28H', duration_unit: { value: 'week', source_value: 28 } },
    })
  })

  it('writes fractional weekly hours as hours and minutes', () => {
    const contract = frenchContractWith({
      standardWeeklyHours: 24.5,
      fullTimeEquivalent: 0.7,
      isFullTime: false,
    })

    expect(employmentOf(contract).work_time?.duration).toBe('PT24H30M')
  })

  it.each([
    ['01', 'permanent'],
    ['02', 'temporary'],
    ['29', 'intern'],
    ['80', 'unmapped_value'],
    ['52', 'unmapped_value'],
  ])('maps natureContratDsn %s to the employment type %s', (code, value) => {
    expect(employmentOf(frenchContractWith({ natureContratDsn: code })).type?.type).toEqual({
      value,
      source_value: code,
    })
  })

  it('leaves the type null for a contract without a DSN code (GB, ES, global list)', () => {
    expect(employmentOf(globalContract).type).toBeNull()
  })

  it('leaves time fields null when contracts:time-information:read is missing', () => {
    const gated = frenchContractWith({
      standardWeeklyHours: null,
      fullTimeEquivalent: null,
      isFullTime: null,
      workingTimeModality: undefined,
    })

    expect(employmentOf(gated)).toMatchObject({ fte: null, work_time: null, contract_type: null })
  })

  it('marks an archived contract inactive with its end date', () => {
    const archived = frenchContractWith({ status: 'ARCHIVED', endDate: '2024-12-31' })

    expect(employmentOf(archived)).toMatchObject({
      active: false,
      end_date: '2024-12-31T00:00:00.000Z',
    })
  })
})

function timeOffOf(absence: Parameters<typeof absenceToTimeOff>[0]) {
  return expectServable(
    timeOffSchema,
    TimeOffPaginated$inboundSchema,
    absenceToTimeOff(absence, camille.id),
  )
}

describe('absenceToTimeOff', () => {
  it('maps the documented paid leave to a full-day annual leave', () => {
    expect(timeOffOf(paidLeave)).toEqual({
      id: '67d2a9e4c3b1f20012ef5678',
      remote_id: '67d2a9e4c3b1f20012ef5678',
      employee_id: camille.id,
      remote_employee_id: camille.id,
      status: { value: 'approved', source_value: 'approved' },
      type: { value: 'annual_leave', source_value: 'fr_conges_payes' },
      reason: { id: 'fr_conges_payes', remote_id: 'fr_conges_payes', name: 'Paid leave' },
      start_date: '2025-08-04T00:00:00.000Z',
      end_date: '2025-08-15T00:00:00.000Z',
      start_half_day: false,
      end_half_day: false,
    })
  })

  it('maps an afternoon RTT to comp time starting on a half day', () => {
    expect(timeOffOf(afternoonRtt)).toMatchObject({
      type: { value: 'comp_time', source_value: 'fr_rtt' },
      start_date: '2025-09-12T00:00:00.000Z',
      end_date: '2025-09-12T00:00:00.000Z',
      start_half_day: true,
      end_half_day: false,
    })
  })

  it('flags a morning absence as ending on a half day', () => {
    const morning = absenceWith({ endDate: { date: '2025-08-04', moment: 'middle-of-day' } })

    expect(timeOffOf(morning)).toMatchObject({ start_half_day: false, end_half_day: true })
  })

  it.each([
    ['approved', 'approved'],
    ['pending_approval', 'pending'],
    ['declined', 'rejected'],
    ['cancelled', 'cancelled'],
    ['pending_cancellation', 'pending'],
    ['archived', 'unmapped_value'],
  ])('maps a %s absence to a %s time off', (status, value) => {
    expect(timeOffOf(absenceWith({ status })).status).toEqual({ value, source_value: status })
  })

  it.each([
    ['uk_annual_leave', 'annual_leave'],
    ['es_vacaciones', 'annual_leave'],
    ['fr_maladie_ordinaire', 'sick'],
    ['fr_maternite', 'maternity_leave'],
    ['fr_second_parent', 'child_care_leave'],
    ['fr_sans_solde', 'unpaid'],
    ['fr_teletravail', 'other'],
    ['fr_mariage_salarie', 'personal'],
    ['fr_deces_pere_ou_mere', 'bereavement'],
    ['uk_custom_leave_2', 'unmapped_value'],
    ['fr_type_a_venir', 'unmapped_value'],
  ])('maps the absence type %s to %s', (type, value) => {
    expect(timeOffOf(absenceWith({ type })).type).toEqual({ value, source_value: type })
  })

  it('produces a valid time off for every absence type in the table', () => {
    for (const type of Object.keys(timeOffTypeByAbsenceType)) {
      const timeOff = timeOffOf(absenceWith({ type }))
      expect(timeOff.type?.value).toBe(timeOffTypeByAbsenceType[type])
    }
  })
})
