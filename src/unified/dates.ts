/*
 * The provider's dates are calendar days (`YYYY-MM-DD`); StackOne wants full ISO date-times.
 * A day maps to midnight UTC by building the string, never through `Date`, whose parsing and
 * printing depend on the process time zone for some inputs (DESIGN "Dates").
 */

const shortMonths = new Set([4, 6, 9, 11])

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return shortMonths.has(month) ? 30 : 31
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** The number written by `count` ASCII digits from `start`, or -1. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0
  for (let at = start; at < start + count; at += 1) {
    const digit = text.charCodeAt(at) - 48
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

/**
 * True for a `YYYY-MM-DD` string naming a day that exists (no 2023-02-29, no month 13). Read
 * digit by digit: every date of every employee of a page goes through here.
 */
export function isCalendarDate(text: string): boolean {
  if (text.length !== 10 || text[4] !== '-' || text[7] !== '-') return false
  const year = digitsAt(text, 0, 4)
  const month = digitsAt(text, 5, 2)
  const day = digitsAt(text, 8, 2)
  if (year < 0) return false
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
