import { ProviderSchemaError } from '../../../errors.ts'
import { dateToDateTime, isCalendarDate } from '../../../unified/dates.ts'

/**
 * A PayFit date as a unified date-time; absent or null (a gated field) is null. The client's
 * schema only checks the `YYYY-MM-DD` shape, so an impossible day is drift reported on `path`.
 */
export function payfitDateToDateTime(date: string | null | undefined, path: string): string | null {
  if (date === null || date === undefined) return null
  if (!isCalendarDate(date)) {
    throw new ProviderSchemaError(`PayFit sent an impossible date at "${path}"`, path)
  }
  return dateToDateTime(date)
}
