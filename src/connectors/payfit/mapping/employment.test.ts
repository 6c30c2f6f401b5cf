import { EmploymentsPaginated$inboundSchema } from '@stackone/stackone-client-ts/sdk/models/shared/index.js'
import { describe, expect, it } from 'vitest'

import { employmentSchema } from '../../../unified/employment.ts'
import { contractToEmployment } from './employment.ts'
import { frenchContract, frenchContractWith, globalContract } from './fixtures.ts'
import { expectServable } from './servable.ts'

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
