import fc from 'fast-check'

/** Who a route expects: a project API key (+ `x-account-id`), a connect session, or no one. */
export type Audience = 'api' | 'hub' | 'public'

export interface RouteUnderTest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** `{id}` and `{sub}` are replaced by the values under test. */
  template: string
  audience: Audience
}

const unifiedReads = [
  '/employees',
  '/employees/{id}',
  '/employments',
  '/employments/{id}',
  '/employees/{id}/employments',
  '/employees/{id}/employments/{sub}',
  '/companies',
  '/companies/{id}',
  '/locations',
  '/locations/{id}',
  '/time_off',
  '/time_off/{id}',
  '/employees/{id}/time_off',
  '/employees/{id}/time_off/{sub}',
  '/time_off_types',
  '/time_off_types/{id}',
  '/employees/{id}/work_eligibility',
  '/employees/{id}/work_eligibility/{sub}',
  '/employees/{id}/documents',
  '/employees/{id}/documents/{sub}',
  '/employees/{id}/documents/{sub}/download',
  '/groups',
  '/groups/{id}',
  '/groups/teams',
  '/groups/teams/{id}',
]

/** Every route the hub serves. Adding a route is one line here. */
export const routesUnderTest: RouteUnderTest[] = [
  { method: 'GET', template: '/health', audience: 'public' },
  { method: 'GET', template: '/link', audience: 'public' },
  { method: 'GET', template: '/link/assets/{id}', audience: 'public' },
  { method: 'GET', template: '/logos/{id}', audience: 'public' },
  { method: 'POST', template: '/connect_sessions', audience: 'api' },
  { method: 'POST', template: '/connect_sessions/authenticate', audience: 'api' },
  { method: 'GET', template: '/accounts', audience: 'api' },
  { method: 'GET', template: '/accounts/{id}', audience: 'api' },
  { method: 'PATCH', template: '/accounts/{id}', audience: 'api' },
  { method: 'DELETE', template: '/accounts/{id}', audience: 'api' },
  { method: 'GET', template: '/accounts/{id}/meta', audience: 'api' },
  { method: 'GET', template: '/hub/settings', audience: 'hub' },
  { method: 'GET', template: '/hub/connectors', audience: 'hub' },
  { method: 'GET', template: '/hub/connectors/{id}', audience: 'hub' },
  { method: 'POST', template: '/hub/accounts', audience: 'hub' },
  { method: 'GET', template: '/hub/accounts/{id}', audience: 'hub' },
  { method: 'PATCH', template: '/hub/accounts/{id}', audience: 'hub' },
  ...unifiedReads.map((path): RouteUnderTest => ({
    method: 'GET',
    template: `/unified/hris${path}`,
    audience: 'api',
  })),
  { method: 'POST', template: '/unified/hris/employees', audience: 'api' },
  { method: 'POST', template: '/unified/hris/employees/{id}/employments', audience: 'api' },
  { method: 'POST', template: '/unified/hris/employees/{id}/time_off', audience: 'api' },
  { method: 'DELETE', template: '/unified/hris/employees/{id}/time_off/{sub}', audience: 'api' },
]

export const bodyRoutes = routesUnderTest.filter((route) => route.method !== 'GET')

const injections = [
  "' OR 1=1--",
  '"; DROP TABLE accounts; --',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%00',
  '\u0000',
  '__proto__',
  'constructor',
  'prototype',
  '${7*7}',
  '{{7*7}}',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '9'.repeat(400),
  'a'.repeat(5_000),
  '😀🏳️‍🌈',
  'Ω≈ç√∫',
  '\uFFFF',
  '\uD800',
  ' ',
  '',
  '%',
  '%zz',
  'a,b',
  'a=b&c=d',
  '[object Object]',
  'true',
]

/** Strings an attacker would try, mixed with arbitrary unicode. */
export const hostileText = fc.oneof(
  fc.constantFrom(...injections),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
)

const queryNames = [
  'page_size',
  'next',
  'fields',
  'raw',
  'expand',
  'include',
  'updated_after',
  'filter[email]',
  'filter[employee_number]',
  'filter[updated_after]',
  'filter[start_date]',
  'filter[end_date]',
  'filter[policy_ids]',
  'filter[a][b]',
  'proxy[status]',
  'proxy[includeInProgressContracts]',
  'proxy[maxResults]',
  'proxy[nextPageToken]',
  'page',
  'provider',
  'providers',
  'providers[]',
  'origin_owner_id',
  'status',
  'account_ids',
  'comment',
  'token',
  '__proto__',
  'constructor[prototype][x]',
]

/** A query string of up to eight pairs, names repeated at times (arrays). */
export const hostileQuery = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...queryNames), hostileText), hostileText), {
    maxLength: 8,
  })
  .map((pairs) => pairs.map(([name, value]) => `${encode(name)}=${encode(value)}`).join('&'))

function encode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-._~[\]]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('')
}

const fieldNames = [
  'first_name',
  'last_name',
  'personal_email',
  'job_title',
  'effective_date',
  'time_off_policy_id',
  'start_date',
  'end_date',
  'start_half_day',
  'type',
  'integration_id',
  'credentials',
  'api_key',
  'origin_owner_id',
  'origin_owner_name',
  'token',
  'comment',
  'passthrough',
  'account_id',
  'expires_in',
  '__proto__',
  'constructor',
]

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
)

/** Objects with the fields our routes read, each of any type, and prototype keys. */
export const hostileBody: fc.Arbitrary<unknown> = fc.oneof(
  fc.dictionary(fc.constantFrom(...fieldNames), hostileValue, { maxKeys: 8 }),
  fc.record({
    credentials: fc.oneof(
      fc.dictionary(fc.constantFrom('api_key', '__proto__', 'x'), hostileValue),
      hostileValue,
    ),
    integration_id: fc.oneof(fc.constant('payfit'), hostileValue),
  }),
  fc.jsonValue({ maxDepth: 4 }),
)

/** Deeply nested JSON text, still under the 64 kB limit. */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
}
