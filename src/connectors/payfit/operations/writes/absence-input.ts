import { InvalidRequestError } from '../../../../errors.ts'
import { isCalendarDate } from '../../../../unified/dates.ts'
import type { CreateTimeOffRequest } from '../../../../unified/writes.ts'
import type { PayfitAbsenceBoundary, PayfitAbsenceMoment } from '../../schemas.ts'
import { absenceTypeByTimeOffType, creatableAbsenceTypes } from './creatable-absence-types.ts'

export interface AbsenceSpan {
  type: string
  startDate: PayfitAbsenceBoundary
  endDate: PayfitAbsenceBoundary
}

const momentOrder: Readonly<Record<PayfitAbsenceMoment, number>> = {
  'beginning-of-day': 0,
  'middle-of-day': 1,
  'end-of-day': 2,
}
const dateOrDateTime = /^(\d{4}-\d{2}-\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/

/**
 * A unified time off request as PayFit's absence (payfit-api §9.29), minus the contract.
 * Half days are PayFit moments: a request starting half way through its first day starts
 * `middle-of-day` (the afternoon), one ending half way through its last day ends
 * `middle-of-day` (the morning).
 */
export function timeOffToAbsenceSpan(request: CreateTimeOffRequest, country: string): AbsenceSpan {
  const type = absenceTypeOf(request, country)
  const start = dateOf(request.start_date, 'start_date')
  const end = dateOf(request.end_date, 'end_date')
  if (end < start) throw new InvalidRequestError('end_date must not be before start_date')

  const startMoment: PayfitAbsenceMoment = request.start_half_day
    ? 'middle-of-day'
    : 'beginning-of-day'
  const endMoment: PayfitAbsenceMoment = request.end_half_day ? 'middle-of-day' : 'end-of-day'
  if (start === end && momentOrder[endMoment] <= momentOrder[startMoment]) {
    throw new InvalidRequestError(
      'On a single day, start_half_day and end_half_day together leave no time off: send one of them',
    )
  }
  return {
    type,
    startDate: { date: start, moment: startMoment },
    endDate: { date: end, moment: endMoment },
  }
}

/** The calendar day written in the string: `YYYY-MM-DD` or the date part of an ISO date-time. */
function dateOf(value: string | null | undefined, field: string): string {
  const trimmed = value?.trim() ?? ''
  if (trimmed === '') throw new InvalidRequestError(`${field} is required`)
  const day = dateOrDateTime.exec(trimmed)?.[1]
  if (day === undefined || !isCalendarDate(day)) {
    throw new InvalidRequestError(`${field} must be a YYYY-MM-DD date or an ISO 8601 date-time`)
  }
  return day
}

/**
 * `time_off_policy_id` names an exact PayFit code (the ids `/time_off_types` lists); otherwise
 * `type.source_value` when it is a PayFit code, then `type.value` through the country's table.
 */
function absenceTypeOf(request: CreateTimeOffRequest, country: string): string {
  const creatable = creatableAbsenceTypes[country] ?? []
  const byUnified = absenceTypeByTimeOffType[country] ?? {}
  const policy = request.time_off_policy_id?.trim()
  if (policy !== undefined && policy !== '') {
    if (creatable.includes(policy)) return policy
    throw invalidType(country, `time_off_policy_id "${policy.slice(0, 80)}" is not`)
  }
  const source = request.type?.source_value
  if (typeof source === 'string' && creatable.includes(source)) return source
  const value = request.type?.value
  if (value == null || value === '') throw invalidType(country, 'A type is required and none was')
  const code = (byUnified as Readonly<Record<string, string | undefined>>)[value]
  if (code !== undefined) return code
  throw invalidType(country, `type "${value.slice(0, 80)}" is not`)
}

function invalidType(country: string, what: string): InvalidRequestError {
  const unified = Object.keys(absenceTypeByTimeOffType[country] ?? {})
  const codes = creatableAbsenceTypes[country] ?? []
  return new InvalidRequestError(
    `${what} a time off type PayFit can create for a company in ${country}. ` +
      `Send type.value as one of: ${unified.join(', ')}; ` +
      `or time_off_policy_id as one of PayFit's codes: ${codes.join(', ')}`,
  )
}
