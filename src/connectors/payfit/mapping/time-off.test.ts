import { TimeOffPaginated$inboundSchema } from '@stackone/stackone-client-ts/sdk/models/shared/index.js'
import { describe, expect, it } from 'vitest'

import { timeOffSchema } from '../../../unified/time-off.ts'
import { timeOffTypeByAbsenceType } from './enums.ts'
import { absenceWith, afternoonRtt, camille, paidLeave } from './fixtures.ts'
import { expectServable } from './servable.ts'
import { absenceToTimeOff } from './time-off.ts'

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
