import { describe, expect, it } from 'vitest'

import { timeOffToAbsenceSpan } from './absence-input.ts'

const base = { start_half_day: false, end_half_day: false }

describe('timeOffToAbsenceSpan', () => {
  it.each([
    [false, false, 'beginning-of-day', 'end-of-day'],
    [true, false, 'middle-of-day', 'end-of-day'],
    [false, true, 'beginning-of-day', 'middle-of-day'],
    [true, true, 'middle-of-day', 'middle-of-day'],
  ])('maps start_half_day %s and end_half_day %s to moments', (startHalf, endHalf, from, to) => {
    const span = timeOffToAbsenceSpan(
      {
        time_off_policy_id: 'fr_rtt',
        start_date: '2030-05-06',
        end_date: '2030-05-07',
        start_half_day: startHalf,
        end_half_day: endHalf,
      },
      'FR',
    )
    expect(span.startDate).toEqual({ date: '2030-05-06', moment: from })
    expect(span.endDate).toEqual({ date: '2030-05-07', moment: to })
  })

  it('refuses both half days on a single day', () => {
    const request = {
      time_off_policy_id: 'fr_rtt',
      start_date: '2030-05-06',
      end_date: '2030-05-06',
      start_half_day: true,
      end_half_day: true,
    }
    expect(() => timeOffToAbsenceSpan(request, 'FR')).toThrow(/leave no time off/)
  })

  it('takes the calendar day of a date-time, whatever its offset', () => {
    const span = timeOffToAbsenceSpan(
      {
        ...base,
        time_off_policy_id: 'uk_annual_leave',
        start_date: '2030-05-06T23:00:00-08:00',
        end_date: '2030-05-07T00:00:00',
      },
      'GB',
    )
    expect([span.startDate.date, span.endDate.date]).toEqual(['2030-05-06', '2030-05-07'])
  })

  it.each([
    ['2030-05-07', '2030-05-06', /must not be before/],
    ['2030-02-30', '2030-03-01', /start_date must be/],
    ['06/05/2030', '2030-05-06', /start_date must be/],
    ['', '2030-05-06', /start_date is required/],
  ])('refuses start %s and end %s', (start, end, message) => {
    const request = { ...base, type: { value: 'sick' }, start_date: start, end_date: end }
    expect(() => timeOffToAbsenceSpan(request, 'FR')).toThrow(message)
  })

  it.each([
    ['FR', 'annual_leave', 'fr_conges_payes'],
    ['FR', 'comp_time', 'fr_rtt'],
    ['ES', 'vacation', 'es_vacaciones'],
    ['GB', 'sick', 'uk_sick_leave'],
    ['GB', 'bereavement', 'uk_compassionate_leave'],
  ])('maps a %s %s time off to %s', (country, value, code) => {
    const request = { ...base, type: { value }, start_date: '2030-05-06', end_date: '2030-05-06' }
    expect(timeOffToAbsenceSpan(request, country).type).toBe(code)
  })

  it('prefers an exact PayFit code in type.source_value over the unified value', () => {
    const request = {
      ...base,
      type: { value: 'bereavement', source_value: 'fr_deces_grand_parent' },
      start_date: '2030-05-06',
      end_date: '2030-05-06',
    }
    expect(timeOffToAbsenceSpan(request, 'FR').type).toBe('fr_deces_grand_parent')
  })

  it.each([
    ['FR', { time_off_policy_id: 'fr_maternite' }],
    ['FR', { type: { value: 'bereavement' } }],
    ['ES', { time_off_policy_id: 'fr_conges_payes' }],
    ['GB', { type: { value: 'comp_time' } }],
  ])('refuses a type %s cannot create and lists the valid ones', (country, type) => {
    const request = { ...base, ...type, start_date: '2030-05-06', end_date: '2030-05-06' }
    expect(() => timeOffToAbsenceSpan(request, country)).toThrow(
      /Send type.value as one of: .+; or time_off_policy_id as one of PayFit's codes: /,
    )
  })
})
