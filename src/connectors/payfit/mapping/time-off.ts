import { openEnum } from '../../../unified/enums.ts'
import type { TimeOff } from '../../../unified/time-off.ts'
import type { PayfitAbsence } from '../schemas.ts'
import { absenceTypeName } from './absence-types.ts'
import { payfitDateToDateTime } from './dates.ts'
import { timeOffStatusByAbsenceStatus, timeOffTypeByAbsenceType } from './enums.ts'

/*
 * Absences hang on contracts (payfit-api §9.28); the caller resolves the contract's collaborator
 * and passes it as `employeeId`. Start and end are the first and last day, both inclusive, at
 * midnight UTC; a half day is carried by the flags: an absence starting `middle-of-day` skips
 * the morning, one ending `middle-of-day` skips the afternoon.
 */
export function absenceToTimeOff(absence: PayfitAbsence, employeeId: string): TimeOff {
  return {
    id: absence.id,
    remote_id: absence.id,
    employee_id: employeeId,
    remote_employee_id: employeeId,
    status: openEnum(timeOffStatusByAbsenceStatus, absence.status),
    type: openEnum(timeOffTypeByAbsenceType, absence.type),
    reason: { id: absence.type, remote_id: absence.type, name: absenceTypeName(absence.type) },
    start_date: payfitDateToDateTime(absence.startDate.date, 'absence.startDate.date'),
    end_date: payfitDateToDateTime(absence.endDate.date, 'absence.endDate.date'),
    start_half_day: absence.startDate.moment === 'middle-of-day',
    end_half_day: absence.endDate.moment === 'middle-of-day',
  }
}
