import { InvalidRequestError } from '../errors.ts'
import { dateTimeSchema } from './primitives.ts'

/*
 * Query parameters of the unified HRIS operations (stackone-contract §3.1, §3.3). The SDK
 * percent-encodes whole deepObject keys (`filter%5Bemail%5D=…`, §1.3) and sends `page_size` as
 * a string, so everything is read from decoded text. A parameter given twice counts by its last
 * value, as the filters do (policy ids add up).
 */

export const defaultPageSize = 25
export const maxPageSize = 100

export type QuerySource =
  URLSearchParams | string | Readonly<Record<string, string | readonly string[] | undefined>>

export interface ListFilter {
  updated_after: string | null
  email: string | null
  employee_number: string | null
  start_date: string | null
  end_date: string | null
  policy_ids: string[]
  type: string | null
}

export interface GetQuery {
  /** Fields to keep; null keeps every field. */
  fields: string[] | null
  raw: boolean
  /** `proxy[k]=v` pairs, for the connector to forward where it knows them to be safe. */
  proxy: Record<string, string>
  expand: string[]
  include: string[]
}

export interface ListQuery extends GetQuery {
  pageSize: number
  next: string | null
  filter: ListFilter
}

const dateTimeFilters = ['updated_after', 'start_date', 'end_date'] as const

export function parseGetQuery(source: QuerySource): GetQuery {
  const params = toSearchParams(source)
  return {
    fields: nullIfEmpty(commaList(lastOf(params, 'fields'))),
    raw: parseRaw(lastOf(params, 'raw')),
    proxy: bracketPairs(params, 'proxy'),
    expand: commaList(lastOf(params, 'expand')),
    include: commaList(lastOf(params, 'include')),
  }
}

export function parseListQuery(source: QuerySource): ListQuery {
  const params = toSearchParams(source)
  return {
    ...parseGetQuery(params),
    pageSize: parsePageSize(lastOf(params, 'page_size')),
    next: lastOf(params, 'next'),
    filter: parseFilter(params),
  }
}

function toSearchParams(source: QuerySource): URLSearchParams {
  if (source instanceof URLSearchParams) return source
  if (typeof source === 'string') return new URLSearchParams(source)

  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue
    const values: readonly string[] = typeof value === 'string' ? [value] : value
    for (const item of values) params.append(decodeKey(key), item)
  }
  return params
}

/** A framework that leaves keys encoded would hide `filter[email]`; decode them once. */
function decodeKey(key: string): string {
  if (!key.includes('%')) return key
  try {
    return decodeURIComponent(key)
  } catch {
    return key
  }
}

function parsePageSize(text: string | null): number {
  if (text === null || text.trim() === '') return defaultPageSize

  const size = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN
  if (!Number.isSafeInteger(size) || size < 1 || size > maxPageSize) {
    throw new InvalidRequestError(`page_size must be a whole number from 1 to ${maxPageSize}`)
  }
  return size
}

function parseRaw(text: string | null): boolean {
  if (text === null || text === '' || text === 'false') return false
  if (text === 'true') return true
  throw new InvalidRequestError('raw must be true or false')
}

function parseFilter(params: URLSearchParams): ListFilter {
  const filter: ListFilter = {
    updated_after: lastOf(params, 'filter[updated_after]') ?? lastOf(params, 'updated_after'),
    email: lastOf(params, 'filter[email]'),
    employee_number: lastOf(params, 'filter[employee_number]'),
    start_date: lastOf(params, 'filter[start_date]'),
    end_date: lastOf(params, 'filter[end_date]'),
    policy_ids: params.getAll('filter[policy_ids]').flatMap(commaList),
    type: lastOf(params, 'filter[type]'),
  }

  for (const key of dateTimeFilters) {
    const value = filter[key]
    if (value !== null && !dateTimeSchema.safeParse(value).success) {
      throw new InvalidRequestError(`filter[${key}] must be an ISO-8601 date-time with an offset`)
    }
  }
  return filter
}

function bracketPairs(params: URLSearchParams, prefix: string): Record<string, string> {
  const pattern = new RegExp(`^${prefix}\\[([^\\]]+)\\]$`)
  const pairs: [string, string][] = []
  for (const [key, value] of params) {
    const name = pattern.exec(key)?.[1]
    if (name !== undefined) pairs.push([name, value])
  }
  // fromEntries defines own properties, so a `proxy[__proto__]` key cannot reach the prototype.
  return Object.fromEntries(pairs)
}

function commaList(text: string | null): string[] {
  if (text === null) return []
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

function nullIfEmpty(items: string[]): string[] | null {
  return items.length === 0 ? null : items
}

/** The last value given for `name` (a parameter given twice counts by it); empty reads as none. */
function lastOf(params: URLSearchParams, name: string): string | null {
  const value = params.getAll(name).at(-1)
  return value === undefined || value === '' ? null : value
}
