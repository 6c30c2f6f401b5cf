import { describe, expect, it } from 'vitest'

import { dateTimeToDate, dateToDateTime, isCalendarDate } from './dates.ts'

describe('dateToDateTime', () => {
  it.each([
    ['2021-09-01', '2021-09-01T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2000-02-29', '2000-02-29T00:00:00.000Z'],
    ['0001-01-01', '0001-01-01T00:00:00.000Z'],
  ])('maps %s to midnight UTC', (date, dateTime) => {
    expect(dateToDateTime(date)).toBe(dateTime)
  })

  it.each([
    '2023-02-29',
    '1900-02-29',
    '2021-13-01',
    '2021-04-31',
    '2021-00-10',
    '2021-9-1',
    '',
    'x',
    '2021/09/01',
    '+021-09-01',
    '2021-09-1 ',
    '2021-0a-01',
    '２０２１-09-01',
    '2021-09-01T00:00:00Z',
  ])('rejects the impossible or malformed date %j', (date) => {
    expect(isCalendarDate(date)).toBe(false)
    expect(() => dateToDateTime(date)).toThrow(RangeError)
  })

  it('reads the calendar day of a date-time as written', () => {
    expect(dateTimeToDate('2025-08-04T23:30:00-10:00')).toBe('2025-08-04')
    expect(dateTimeToDate('nonsense')).toBeNull()
  })
})
