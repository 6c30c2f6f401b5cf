import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSandbox } from '../../src/sandbox/index.ts'
import {
  basicAuth,
  createClient,
  createSession,
  linkAccount,
  startTestHub,
  type TestHub,
} from '../harness.ts'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>

let sandbox: Sandbox
let hub: TestHub
let httpsHub: TestHub
let accountId: string
let sessionToken: string

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 41, employees: 3 })
  hub = await startTestHub({ payfitUrl: sandbox.url })
  httpsHub = await startTestHub({ payfitUrl: sandbox.url, publicUrl: 'https://hub.example.test' })
  const client = createClient(hub.url)
  sessionToken = (await createSession(client, hub.apiKey)).token
  const linked = await linkAccount(client, sessionToken, sandbox.companies[0]?.keys.guide ?? '')
  accountId = (linked.body as { id: string }).id
})

afterAll(async () => {
  await hub.close()
  await httpsHub.close()
  await sandbox.close()
})

interface Probe {
  method: string
  path: () => string
  headers: () => Record<string, string>
  /** The status we expect, so a probe that silently hits the wrong route fails. */
  status: number
}

const api = (): Record<string, string> => ({ authorization: basicAuth(hub.apiKey) })
const session = (): Record<string, string> => ({ 'x-hub-session-token': sessionToken })

const probes: [string, Probe][] = [
  ['health', { method: 'GET', path: () => '/health', headers: () => ({}), status: 200 }],
  ['an account list', { method: 'GET', path: () => '/accounts', headers: api, status: 200 }],
  [
    'an account',
    { method: 'GET', path: () => `/accounts/${accountId}`, headers: api, status: 200 },
  ],
  [
    'a missing account',
    { method: 'GET', path: () => '/accounts/acc_missing', headers: api, status: 404 },
  ],
  [
    'a refused API key',
    {
      method: 'GET',
      path: () => '/accounts',
      headers: () => ({ authorization: 'Basic eA==' }),
      status: 401,
    },
  ],
  [
    'a unified list',
    {
      method: 'GET',
      path: () => '/unified/hris/employees?page_size=1',
      headers: () => ({ ...api(), 'x-account-id': accountId }),
      status: 200,
    },
  ],
  ['hub settings', { method: 'GET', path: () => '/hub/settings', headers: session, status: 200 }],
  [
    'a refused hub token',
    {
      method: 'GET',
      path: () => '/hub/settings',
      headers: () => ({ 'x-hub-session-token': 'cst_nope' }),
      status: 401,
    },
  ],
  [
    'a hub preflight',
    {
      method: 'OPTIONS',
      path: () => '/hub/settings',
      headers: () => ({
        origin: 'https://app.example.test',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-hub-session-token',
      }),
      status: 204,
    },
  ],
  ['an unknown route', { method: 'GET', path: () => '/nowhere', headers: () => ({}), status: 404 }],
  [
    'the Link page',
    { method: 'GET', path: () => `/link?token=${sessionToken}`, headers: () => ({}), status: 200 },
  ],
  [
    'a Link page asset',
    { method: 'GET', path: () => '/link/assets/link.js', headers: () => ({}), status: 200 },
  ],
]

async function probe(target: TestHub, { method, path, headers }: Probe) {
  return fetch(new URL(path(), target.url), { method, headers: headers() })
}

describe('security headers', () => {
  it.each(probes)('are on %s', async (_name, candidate) => {
    const response = await probe(hub, candidate)
    expect(response.status).toBe(candidate.status)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('cache-control')).toMatch(/^no-(store|cache)$/)
    expect(response.headers.get('strict-transport-security')).toBeNull()
  })

  it.each(probes.filter(([, candidate]) => !candidate.path().startsWith('/link')))(
    'forbid storing %s in any cache',
    async (_name, candidate) => {
      expect((await probe(hub, candidate)).headers.get('cache-control')).toBe('no-store')
    },
  )

  it.each(probes)('add HSTS to %s when the public URL is https', async (_name, candidate) => {
    const response = await probe(httpsHub, { ...candidate, headers: () => ({}) })
    expect(response.headers.get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    )
  })

  it('give the Link page a strict Content-Security-Policy', async () => {
    const response = await fetch(`${hub.url}/link?token=${sessionToken}`)
    const policy = new Map(
      (response.headers.get('content-security-policy') ?? '')
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name = '', ...values]) => [name, values.join(' ')]),
    )
    expect(Object.fromEntries(policy)).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
      'base-uri': "'none'",
    })
    for (const value of policy.values()) expect(value).not.toMatch(/unsafe-inline|unsafe-eval|\*/)
  })
})
