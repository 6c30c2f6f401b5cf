import { isValidDate, MONTH_PATTERN } from './dates.ts'
import { badRequest } from './replies.ts'

export type Query = Record<string, string | undefined>

/** `date=YYYYMM`, required; the dashed `YYYY-MM` is refused like PayFit does (§2). */
export function readMonth(query: Query): string {
  const value = query.date
  if (value === undefined) throw badRequest('Field "date" is required.')
  if (!MONTH_PATTERN.test(value)) throw badRequest('Field "date" must match the format YYYYMM.')
  return value
}

export function readBoolean(query: Query, name: string): boolean {
  const value = query[name]
  if (value === undefined || value === 'false') return false
  if (value === 'true') return true
  throw badRequest(`Field "${name}" must be a boolean.`)
}

export function readOptionalDate(query: Query, name: string): string | undefined {
  const value = query[name]
  if (value === undefined) return undefined
  if (!isValidDate(value)) throw badRequest(`Field "${name}" must be a date (YYYY-MM-DD).`)
  return value
}
