import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { countryCodes, countryEnum, enumWrapperSchema, openEnum, timeOffStatuses } from './enums.ts'

const statusTable = { approved: 'approved', declined: 'rejected' } as const

describe('openEnum', () => {
  it('maps a known value and keeps the source', () => {
    expect(openEnum(statusTable, 'declined')).toEqual({
      value: 'rejected',
      source_value: 'declined',
    })
  })

  it('sends an unknown value as unmapped_value with its source', () => {
    expect(openEnum(statusTable, 'on_hold')).toEqual({
      value: 'unmapped_value',
      source_value: 'on_hold',
    })
  })

  it('does not treat inherited object keys as mappings', () => {
    expect(openEnum(statusTable, 'constructor')?.value).toBe('unmapped_value')
    expect(openEnum(statusTable, 'toString')?.value).toBe('unmapped_value')
  })

  it('maps a missing source to null', () => {
    expect(openEnum(statusTable, null)).toBeNull()
    expect(openEnum(statusTable, undefined)).toBeNull()
  })

  it('always yields a wrapper the schema accepts, whatever the source string', () => {
    const schema = enumWrapperSchema(timeOffStatuses)
    fc.assert(
      fc.property(fc.string(), (source) => {
        expect(schema.safeParse(openEnum(statusTable, source)).success).toBe(true)
      }),
    )
  })
})

describe('countryEnum', () => {
  it('carries the 248 ISO codes plus unmapped_value', () => {
    expect(countryCodes).toHaveLength(249)
    expect(countryCodes).toContain('FR')
  })

  it.each([
    ['FR', 'FR'],
    ['gb', 'GB'],
    ['France', 'FR'],
    ['España', 'ES'],
    ['Atlantis', 'unmapped_value'],
  ])('maps %j to %s', (source, value) => {
    expect(countryEnum(source)).toEqual({ value, source_value: source })
  })

  it('maps a blank or missing country to null', () => {
    expect(countryEnum('  ')).toBeNull()
    expect(countryEnum(undefined)).toBeNull()
  })
})
