import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSandbox } from '../../src/sandbox/index.ts'
import {
  basicAuth,
  createClient,
  createSession,
  linkAccount,
  startTestHub,
  type Client,
  type JsonResponse,
  type TestHub,
} from '../harness.ts'

/*
 * Two projects on one hub, both linking the same PayFit company, each trying every route with
 * its own credentials on the other's account ids and session tokens. Extends
 * test/scenarios/projects_cannot_reach_each_other.test.ts (account routes with another key) to
 * the hub routes, the unified API and credentials of the wrong kind.
 */

interface Tenant {
  name: string
  apiKey: string
  projectId: string
  accountId: string
  /** A plain session and an edit-mode session on the tenant's own account. */
  sessionToken: string
  editToken: string
  employeeId: string
  timeOffId: string
}

type Sandbox = Awaited<ReturnType<typeof startSandbox>>

let sandbox: Sandbox
let hub: TestHub
let client: Client
const tenants: Record<'first' | 'second', Tenant> = {} as Record<'first' | 'second', Tenant>
let countsBefore: unknown

/** What the sandbox holds for the shared company: the writes above must not change it. */
async function sandboxCounts(): Promise<unknown> {
  const companyId = sandbox.companies[0]?.id ?? ''
  const response = await fetch(`${sandbox.url}/_sandbox/companies/${companyId}/counts`, {
    headers: { authorization: `Bearer ${sandbox.adminToken}` },
  })
  return response.json()
}

async function tenant(name: string, apiKey: string, payfitKey: string): Promise<Tenant> {
  const session = await createSession(client, apiKey, { origin_owner_id: `owner-${name}` })
  const linked = await linkAccount(client, session.token, payfitKey)
  const accountId = (linked.body as { id: string }).id
  const edit = await createSession(client, apiKey, { account_id: accountId })
  const unified = { apiKey, headers: { 'x-account-id': accountId } }
  const employees = await client.request('GET', '/unified/hris/employees?page_size=1', unified)
  const timeOff = await client.request('GET', '/unified/hris/time_off?page_size=1', unified)
  const project = await hub.hub.services.projects.authenticate(apiKey)
  return {
    name,
    apiKey,
    projectId: project?.id ?? '',
    accountId,
    sessionToken: session.token,
    editToken: edit.token,
    employeeId: firstId(employees),
    timeOffId: firstId(timeOff),
  }
}

function firstId(response: JsonResponse): string {
  const id = (response.body as { data?: { id?: string }[] }).data?.[0]?.id
  if (id === undefined) throw new Error(`no entity to aim at: ${response.text}`)
  return id
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 23, employees: 4, countries: ['FR', 'GB'] })
  hub = await startTestHub({ payfitUrl: sandbox.url })
  client = createClient(hub.url)
  const payfitKey = sandbox.companies[0]?.keys.full ?? ''
  tenants.first = await tenant('first', hub.apiKey, payfitKey)
  tenants.second = await tenant('second', await hub.createProjectKey('second'), payfitKey)
  countsBefore = await sandboxCounts()
})

afterAll(async () => {
  await hub.close()
  await sandbox.close()
})

/** What the attacker sends: its own key or token, aimed at the victim's ids and tokens. */
interface Attempt {
  method: string
  path: (victim: Tenant) => string
  credentials: (attacker: Tenant, victim: Tenant) => Parameters<Client['request']>[2]
}

const withKey =
  (body?: (victim: Tenant) => unknown) =>
  (attacker: Tenant, victim: Tenant): Parameters<Client['request']>[2] => ({
    apiKey: attacker.apiKey,
    body: body?.(victim),
  })

const unifiedOn =
  (body?: unknown) =>
  (attacker: Tenant, victim: Tenant): Parameters<Client['request']>[2] => ({
    apiKey: attacker.apiKey,
    headers: { 'x-account-id': victim.accountId },
    body,
  })

/** Every unified write, with a body PayFit would accept from the account's owner. */
const unifiedWrites: [string, (victim: Tenant) => string, unknown][] = [
  [
    'POST',
    () => '/unified/hris/employees',
    { first_name: 'Intrus', last_name: 'Malin', personal_email: 'intrus@perso.example' },
  ],
  [
    'POST',
    (v) => `/unified/hris/employees/${v.employeeId}/employments`,
    { job_title: 'Intrus', effective_date: '2031-02-03' },
  ],
  [
    'POST',
    (v) => `/unified/hris/employees/${v.employeeId}/time_off`,
    {
      time_off_policy_id: 'fr_conges_payes',
      start_date: '2031-02-03',
      end_date: '2031-02-04',
    },
  ],
  ['DELETE', (v) => `/unified/hris/employees/${v.employeeId}/time_off/${v.timeOffId}`, undefined],
]

/** Every unified HRIS route; a new route is one more line here. */
const unifiedPaths: ((victim: Tenant) => string)[] = [
  () => '/unified/hris/employees',
  (v) => `/unified/hris/employees/${v.employeeId}`,
  (v) => `/unified/hris/employees/${v.employeeId}/employments`,
  (v) => `/unified/hris/employees/${v.employeeId}/employments/any`,
  (v) => `/unified/hris/employees/${v.employeeId}/time_off`,
  (v) => `/unified/hris/employees/${v.employeeId}/time_off/${v.timeOffId}`,
  (v) => `/unified/hris/employees/${v.employeeId}/work_eligibility`,
  (v) => `/unified/hris/employees/${v.employeeId}/work_eligibility/any`,
  (v) => `/unified/hris/employees/${v.employeeId}/documents`,
  (v) => `/unified/hris/employees/${v.employeeId}/documents/any`,
  (v) => `/unified/hris/employees/${v.employeeId}/documents/any/download`,
  () => '/unified/hris/employments',
  () => '/unified/hris/employments/any',
  () => '/unified/hris/companies',
  () => '/unified/hris/companies/any',
  () => '/unified/hris/locations',
  () => '/unified/hris/locations/any',
  () => '/unified/hris/time_off',
  (v) => `/unified/hris/time_off/${v.timeOffId}`,
  () => '/unified/hris/time_off_types',
  () => '/unified/hris/time_off_types/any',
  () => '/unified/hris/groups',
  () => '/unified/hris/groups/any',
  () => '/unified/hris/groups/teams',
  () => '/unified/hris/groups/teams/any',
]

const attempts: [string, Attempt][] = [
  [
    'GET /accounts/{id}',
    { method: 'GET', path: (v) => `/accounts/${v.accountId}`, credentials: withKey() },
  ],
  [
    'GET /accounts/{id}/meta',
    { method: 'GET', path: (v) => `/accounts/${v.accountId}/meta`, credentials: withKey() },
  ],
  [
    'PATCH /accounts/{id} with new credentials',
    {
      method: 'PATCH',
      path: (v) => `/accounts/${v.accountId}`,
      credentials: withKey(() => ({ credentials: { api_key: sandbox.companies[1]?.keys.full } })),
    },
  ],
  [
    'DELETE /accounts/{id}',
    { method: 'DELETE', path: (v) => `/accounts/${v.accountId}`, credentials: withKey() },
  ],
  [
    'POST /connect_sessions in edit mode on the account',
    {
      method: 'POST',
      path: () => '/connect_sessions',
      credentials: withKey((v) => ({
        origin_owner_id: 'x',
        origin_owner_name: 'X',
        account_id: v.accountId,
      })),
    },
  ],
  [
    'POST /connect_sessions/authenticate with the session token',
    {
      method: 'POST',
      path: () => '/connect_sessions/authenticate',
      credentials: withKey((v) => ({ token: v.sessionToken })),
    },
  ],
  [
    'POST /connect_sessions/authenticate with the edit session token',
    {
      method: 'POST',
      path: () => '/connect_sessions/authenticate',
      credentials: withKey((v) => ({ token: v.editToken })),
    },
  ],
  [
    'GET /hub/accounts/{id} with an edit session of its own',
    {
      method: 'GET',
      path: (v) => `/hub/accounts/${v.accountId}`,
      credentials: (attacker) => ({ sessionToken: attacker.editToken }),
    },
  ],
  [
    'PATCH /hub/accounts/{id} with an edit session of its own',
    {
      method: 'PATCH',
      path: (v) => `/hub/accounts/${v.accountId}`,
      credentials: (attacker) => ({
        sessionToken: attacker.editToken,
        body: {
          integration_id: 'payfit',
          credentials: { api_key: sandbox.companies[1]?.keys.full },
        },
      }),
    },
  ],
  [
    'GET /hub/accounts/{id} with a plain session of its own',
    {
      method: 'GET',
      path: (v) => `/hub/accounts/${v.accountId}`,
      credentials: (attacker) => ({ sessionToken: attacker.sessionToken }),
    },
  ],
  ...unifiedPaths.map((path): [string, Attempt] => [
    `GET ${path({ employeeId: '{employee}', timeOffId: '{time_off}' } as Tenant)} with x-account-id`,
    { method: 'GET', path, credentials: unifiedOn() },
  ]),
  ...unifiedWrites.map(([method, path, body]): [string, Attempt] => [
    `${method} ${path({ employeeId: '{employee}', timeOffId: '{time_off}' } as Tenant)} with x-account-id`,
    { method, path, credentials: unifiedOn(body) },
  ]),
]

const directions: [string, 'first' | 'second', 'first' | 'second'][] = [
  ['the first project on the second', 'first', 'second'],
  ['the second project on the first', 'second', 'first'],
]

describe.each(directions)('%s', (_title, attackerName, victimName) => {
  it.each(attempts)('answers 404 or 403 without data to %s', async (_name, attempt) => {
    const attacker = tenants[attackerName]
    const victim = tenants[victimName]
    const response = await client.request(
      attempt.method,
      attempt.path(victim),
      attempt.credentials(attacker, victim),
    )

    expect([403, 404]).toContain(response.status)
    expect(response.text).not.toContain(victim.accountId)
    expect(response.text).not.toContain(victim.employeeId)
    expect(response.text).not.toContain('"data"')
  })
})

describe('after every attempt', () => {
  it('leaves PayFit without any record the other project tried to write', async () => {
    expect(await sandboxCounts()).toEqual(countsBefore)
  })

  it.each(['first', 'second'] as const)(
    'leaves the %s project its account, its key and its data',
    async (name) => {
      const owner = tenants[name]
      const account = await client.request('GET', `/accounts/${owner.accountId}`, {
        apiKey: owner.apiKey,
      })
      expect(account.status).toBe(200)
      expect(account.body).toMatchObject({ status: 'active' })
      const stored = await hub.hub.services.accounts.openCredentials(
        owner.projectId,
        owner.accountId,
      )
      expect(stored.api_key).toBe(sandbox.companies[0]?.keys.full)
      const employee = await client.request('GET', `/unified/hris/employees/${owner.employeeId}`, {
        apiKey: owner.apiKey,
        headers: { 'x-account-id': owner.accountId },
      })
      expect(employee.status).toBe(200)
    },
  )
})

describe('credentials of the wrong kind', () => {
  it.each([
    [
      'a session token as the API key',
      (t: Tenant) => ({ headers: { authorization: basicAuth(t.sessionToken) } }),
    ],
    ['an API key as the session token', (t: Tenant) => ({ sessionToken: t.apiKey })],
    [
      'an API key as a Bearer token',
      (t: Tenant) => ({ headers: { authorization: `Bearer ${t.apiKey}` } }),
    ],
  ])('answers 401 to %s', async (_name, credentials) => {
    const target = credentials(tenants.first)
    const path = 'sessionToken' in target ? '/hub/settings' : '/accounts'
    const response = await client.request('GET', path, target)
    expect(response.status).toBe(401)
    expect(response.text).not.toContain(tenants.first.accountId)
  })
})
