/*
 * The provider's dates are calendar days (`YYYY-MM-DD`); StackOne wants full ISO date-times.
 * A day maps to midnight UTC by building the string, never through `Date`, whose parsing and
 * printing depend on the process time zone for some inputs (DESIGN "Dates").
 */

const calendarDateShape = /^(\d{4})-(\d{2})-(\d{2})$/

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** True for a `YYYY-MM-DD` string naming a day that exists (no 2023-02-29, no month 13). */
export function isCalendarDate(text: string): boolean {
  const match = calendarDateShape.exec(text)
  if (match === null) return false

  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

/** `2021-09-01` → `2021-09-01T00:00:00.000Z`; throws a RangeError for an impossible date. */
export function dateToDateTime(date: string): string {
  if (!isCalendarDate(date)) throw new RangeError('expected an existing YYYY-MM-DD date')
  return `${date}T00:00:00.000Z`
}

/** The calendar day of an ISO date-time as written (its own offset, not the process's). */
export function dateTimeToDate(dateTime: string): string | null {
  const day = dateTime.slice(0, 10)
  return isCalendarDate(day) ? day : null
}
