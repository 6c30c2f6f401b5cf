import fs from 'node:fs'

import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { bodyLimitBytes } from '../../src/http/app.ts'
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.ts'
import { link } from '../conformance/fixture.ts'
import { basicAuth, startTestHub, type TestHub } from '../harness.ts'
import { heavy } from './support/fault-rig.ts'
import {
  bodyRoutes,
  deepJson,
  hostileBody,
  hostileQuery,
  hostileText,
  routesUnderTest,
  type RouteUnderTest,
} from './support/hostile-routes.ts'
import { percentEncode, rawRequest, type RawAnswer } from './support/raw-http.ts'

/*
 * fast-check over every route's path, query, headers and body, sent over a bare socket so that
 * nothing on the client side cleans the input up. The only acceptable answers are a success or a
 * 4xx with the standard error body; a 5xx, a hang or a non-JSON error is a failure. The failed
 * authentication throttle is switched off: it would turn the bad keys into 429s.
 */
const numRuns = heavy ? 1_000 : 120
/** The size and nesting properties send big bodies: fewer runs. */
const cappedRuns = Math.min(numRuns, 60)

let sandbox: RunningSandbox
let hub: TestHub
let port: number
let accountId: string
let sessionToken: string
const tally = { requests: 0, byStatus: new Map<number, number>() }

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 3, employees: 8, today: '2026-06-15' })
  hub = await startTestHub({
    payfitUrl: sandbox.url,
    authThrottle: { maxFailures: Number.POSITIVE_INFINITY },
  })
  port = Number(new URL(hub.url).port)
  accountId = await link(hub, 'owner-hostile', sandbox.companies[0]?.keys.full ?? '')
  const session = await hub.hub.createConnectSession(hub.project, {
    originOwnerId: 'owner-hostile',
    originOwnerName: 'Hostile',
  })
  sessionToken = session.token
})

afterAll(async () => {
  await hub.close()
  await sandbox.close()
})

interface Attempt {
  route: RouteUnderTest
  id?: string
  sub?: string
  /** Appended to the path without encoding. */
  rawSuffix?: string
  query?: string
  headers?: [string, string][]
  /** Replaces the credentials the route's audience would get. */
  credentials?: [string, string][]
  body?: Buffer
  contentType?: string
}

function credentialsFor(route: RouteUnderTest): [string, string][] {
  if (route.audience === 'api') {
    return [
      ['authorization', basicAuth(hub.apiKey)],
      ['x-account-id', accountId],
    ]
  }
  return route.audience === 'hub' ? [['x-hub-session-token', sessionToken]] : []
}

async function send(attempt: Attempt): Promise<RawAnswer> {
  const path = attempt.route.template
    .replace('{id}', percentEncode(attempt.id ?? 'x'))
    .replace('{sub}', percentEncode(attempt.sub ?? 'y'))
  const target = `${path}${attempt.rawSuffix ?? ''}${attempt.query === undefined ? '' : `?${attempt.query}`}`
  const headers = [
    ...(attempt.credentials ?? credentialsFor(attempt.route)),
    ...(attempt.headers ?? []),
  ]
  if (attempt.body !== undefined) {
    headers.push(['content-type', attempt.contentType ?? 'application/json'])
  }
  const answer = await rawRequest(port, {
    method: attempt.route.method,
    target,
    headers,
    body: attempt.body,
  })
  tally.requests += 1
  tally.byStatus.set(answer.status, (tally.byStatus.get(answer.status) ?? 0) + 1)
  return answer
}

/** A success, or a 4xx whose body is `{statusCode, message, timestamp}` in JSON. */
function expectSafe(answer: RawAnswer, what: string) {
  expect(answer.hung, `${what}: hung`).toBe(false)
  expect(answer.status, `${what}: ${answer.body}`).toBeGreaterThanOrEqual(200)
  expect(answer.status, `${what}: ${answer.body}`).toBeLessThan(500)
  if (answer.status < 400) return
  expect(answer.headers['content-type'], what).toMatch(/^application\/json/)
  const body = JSON.parse(answer.body) as Record<string, unknown>
  expect(body.statusCode, `${what}: ${answer.body}`).toBe(answer.status)
  expect(typeof body.message, what).toBe('string')
  expect(Number.isNaN(Date.parse(String(body.timestamp))), what).toBe(false)
}

const describeRoute = (route: RouteUnderTest) => `${route.method} ${route.template}`
const anyRoute = fc.constantFrom(...routesUnderTest)
const bodyRoute = fc.constantFrom(...bodyRoutes)
const noLineBreaks = (text: string) => text.replace(/[\r\n]/g, '')

describe('hostile input on every route', () => {
  it('answers hostile path segments with a success or a typed 4xx', async () => {
    const rawSuffixes = fc.constantFrom(
      '',
      '/../../etc/passwd',
      '/%00',
      '/..%2f..%2f',
      '/%',
      "/'OR'1'='1",
      '//',
    )
    await fc.assert(
      fc.asyncProperty(
        anyRoute,
        hostileText,
        hostileText,
        rawSuffixes,
        async (route, id, sub, rawSuffix) => {
          expectSafe(await send({ route, id, sub, rawSuffix }), describeRoute(route))
        },
      ),
      { numRuns },
    )
  })

  it('answers hostile query strings (paging, cursors, filters, proxies) with a success or a typed 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(anyRoute, hostileQuery, async (route, query) => {
        expectSafe(await send({ route, query }), `${describeRoute(route)}?${query}`)
      }),
      { numRuns },
    )
  })

  it('answers bad Basic headers, session tokens and account ids with a typed 4xx', async () => {
    const authorization = fc.oneof(
      fc.constant(basicAuth(hub.apiKey)),
      hostileText.map((text) => `Basic ${Buffer.from(text).toString('base64')}`),
      hostileText.map((text) => `Basic ${text}`),
      hostileText.map((text) => `Bearer ${text}`),
      hostileText,
    )
    const accountIds = fc.oneof(fc.constant(accountId), hostileText)
    await fc.assert(
      fc.asyncProperty(
        anyRoute,
        authorization,
        accountIds,
        hostileText,
        async (route, auth, account, token) => {
          const credentials: [string, string][] = [
            ['authorization', noLineBreaks(auth)],
            ['x-account-id', noLineBreaks(account)],
            ['x-hub-session-token', noLineBreaks(token)],
          ]
          expectSafe(await send({ route, credentials }), describeRoute(route))
        },
      ),
      { numRuns },
    )
  })

  it('answers hostile JSON bodies with a success or a typed 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(bodyRoute, hostileBody, async (route, body) => {
        const text = JSON.stringify(body)
        expectSafe(
          await send({ route, body: Buffer.from(text) }),
          `${describeRoute(route)} ${text}`,
        )
      }),
      { numRuns },
    )
  })

  it('answers raw bodies under any content type with a success or a typed 4xx', async () => {
    const contentTypes = fc.constantFrom(
      'application/json',
      'application/json; charset=utf-16',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      '*/*',
      'application/json\u0000',
    )
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((array) => Buffer.from(array)),
      hostileText.map((text) => Buffer.from(text)),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routesUnderTest),
        bytes,
        contentTypes,
        async (route, body, contentType) => {
          expectSafe(
            await send({ route, body, contentType }),
            `${describeRoute(route)} as ${contentType}`,
          )
        },
      ),
      { numRuns },
    )
  })

  it('answers 413 to a body over the limit on every route that takes one', async () => {
    const sizes = fc.integer({ min: bodyLimitBytes + 1, max: bodyLimitBytes * 3 })
    await fc.assert(
      fc.asyncProperty(bodyRoute, sizes, async (route, size) => {
        const body = Buffer.from(`{"a":"${'x'.repeat(size)}"}`)
        const answer = await send({ route, body })
        expectSafe(answer, describeRoute(route))
        expect(answer.status).toBe(413)
      }),
      { numRuns: cappedRuns },
    )
  })

  it('answers deeply nested JSON with a typed 4xx', async () => {
    const depths = fc.integer({ min: 500, max: 12_000 })
    await fc.assert(
      fc.asyncProperty(
        bodyRoute,
        depths,
        fc.constantFrom('array' as const, 'object' as const),
        async (route, depth, kind) => {
          const answer = await send({ route, body: Buffer.from(deepJson(depth, kind)) })
          expectSafe(answer, `${describeRoute(route)} nested ${String(depth)} ${kind}s`)
        },
      ),
      { numRuns: cappedRuns },
    )
  })

  it('still serves, with the linked account intact, after everything above', async () => {
    const health = await send({ route: { method: 'GET', template: '/health', audience: 'public' } })
    expect(health.status).toBe(200)
    const account = await hub.hub.services.accounts.get(hub.project.id, accountId)
    expect(account.status).toBe('active')
    const employees = await send({
      route: { method: 'GET', template: '/unified/hris/employees', audience: 'api' },
    })
    expect(employees.status).toBe(200)
    expect(tally.byStatus.has(500)).toBe(false)
    expect(tally.requests).toBeGreaterThanOrEqual(numRuns * 5 + cappedRuns * 2)
    const report = process.env.PASSERELLE_MATRIX_REPORT
    if (report !== undefined) {
      fs.appendFileSync(
        report,
        `hostile: ${String(tally.requests)} ${JSON.stringify([...tally.byStatus])}\n`,
      )
    }
  })
})
