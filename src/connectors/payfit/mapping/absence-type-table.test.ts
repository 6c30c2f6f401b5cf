import { describe, expect, it } from 'vitest'

import { creatableAbsenceTypes } from '../operations/writes/creatable-absence-types.ts'
import { absenceTypeTable } from './absence-type-table.ts'
import { absenceTypeCodesForCountry } from './absence-types.ts'
import { timeOffTypeByAbsenceType } from './enums.ts'

describe('the absence type table', () => {
  it('holds each PayFit code once', () => {
    const codes = absenceTypeTable.map(({ code }) => code)
    expect(new Set(codes).size).toBe(codes.length)
  })

  it.each(['FR', 'ES', 'GB'])(
    'lists every type a %s company may create among its time off types',
    (country) => {
      const creatable = creatableAbsenceTypes[country] ?? []
      expect(creatable.length).toBeGreaterThan(0)
      expect(absenceTypeCodesForCountry(country)).toEqual(expect.arrayContaining([...creatable]))
    },
  )

  it('reads UK custom leave as unmapped and every other code as its unified type', () => {
    expect(timeOffTypeByAbsenceType.uk_custom_leave_1).toBeUndefined()
    expect(creatableAbsenceTypes.GB).toContain('uk_custom_leave_1')
    expect(timeOffTypeByAbsenceType.fr_rtt).toBe('comp_time')
    expect(creatableAbsenceTypes.FR).toContain('fr_rtt')
    expect(creatableAbsenceTypes.FR).not.toContain('fr_maternite')
  })
})
