import { describe, expect, it } from 'vitest'

import { companyToCompany, companyToLocation } from './company.ts'
import { collaboratorToEmployee, employeeMapper } from './employee.ts'
import { camille, camilleWithoutScopes, company, frenchContract } from './fixtures.ts'

const today = '2026-03-02'

describe('employeeMapper', () => {
  it('maps each collaborator exactly as collaboratorToEmployee does', () => {
    const toEmployee = employeeMapper(company, today)
    expect(toEmployee(camille, [frenchContract])).toEqual(
      collaboratorToEmployee(camille, { company, contracts: [frenchContract], today }),
    )
    expect(toEmployee(camilleWithoutScopes, [])).toEqual(
      collaboratorToEmployee(camilleWithoutScopes, { company, contracts: [], today }),
    )
  })

  it('builds the company and its work location once for every employee it maps', () => {
    const toEmployee = employeeMapper(company, today)
    const first = toEmployee(camille, [frenchContract])
    const second = toEmployee(camilleWithoutScopes, [])
    expect(first.company).toEqual(companyToCompany(company))
    expect(first.work_location).toEqual(companyToLocation(company))
    expect(second.company).toBe(first.company)
    expect(second.work_location).toBe(first.work_location)
  })
})
