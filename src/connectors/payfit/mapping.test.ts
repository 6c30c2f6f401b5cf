import { EmployeesPaginated$inboundSchema } from '@stackone/stackone-client-ts/sdk/models/shared/index.js'
import { describe, expect, it } from 'vitest'

import { ProviderSchemaError } from '../../errors.ts'
import { employeeSchema } from '../../unified/employee.ts'
import { collaboratorToEmployee } from './mapping.ts'
import {
  camille,
  camilleJson,
  camilleWithoutScopes,
  company,
  frenchContract,
  frenchContractWith,
  globalContract,
} from './mapping/fixtures.ts'
import { expectServable } from './mapping/servable.ts'
import { payfitCollaboratorSchema, type PayfitCollaborator } from './schemas.ts'

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
