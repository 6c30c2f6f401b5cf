/**
 * Date-only values stay `YYYY-MM-DD` strings. Arithmetic goes through whole days since the epoch
 * with UTC methods only, so the host's time zone can never shift a date.
 */
const DAY_MS = 86_400_000
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

export function toDays(date: string): number {
  const match = DATE_PATTERN.exec(date)
  if (match === null) throw new Error(`not a YYYY-MM-DD date: ${date}`)
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS
}

/** Civil date from a day count (Howard Hinnant's algorithm): integer arithmetic, no `Date`. */
export function fromDays(days: number): string {
  const shifted = days + 719468
  const era = Math.floor(shifted / 146097)
  const dayOfEra = shifted - era * 146097
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  )
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function isValidDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return false
  return fromDays(toDays(value)) === value
}

export function addDays(date: string, days: number): string {
  return fromDays(toDays(date) + days)
}

/** Adds calendar months, clamping the day to the target month's length (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const index = year * 12 + (month - 1) + months
  const targetYear = Math.floor(index / 12)
  const targetMonth = index - targetYear * 12
  const length = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate()
  return fromDays(Date.UTC(targetYear, targetMonth, Math.min(day, length)) / DAY_MS)
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10)
}

/** `YYYYMM` month keys, January = `01`; the dashed form is refused, as PayFit does. */
export const MONTH_PATTERN = /^2\d{3}(0[1-9]|1[0-2])$/

export function monthOf(date: string): string {
  return date.slice(0, 4) + date.slice(5, 7)
}

export function firstDayOfMonth(month: string): string {
  return `${month.slice(0, 4)}-${month.slice(4, 6)}-01`
}

export function lastDayOfMonth(month: string): string {
  return addDays(addMonths(firstDayOfMonth(month), 1), -1)
}

export function addMonthsToMonth(month: string, months: number): string {
  return monthOf(addMonths(firstDayOfMonth(month), months))
}
