import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSandbox } from '../../src/sandbox/index.ts'
import {
  basicAuth,
  createClient,
  createSession,
  startTestHub,
  type Client,
  type TestHub,
} from '../harness.ts'

/*
 * A whole life of two accounts (link, refusals, list, unified reads with raw, rotation, edit
 * mode, a revoked key turning the account to error, expiry, throttling, delete), then every
 * response status line, header and body and every log line is searched for every secret in
 * the forms it could leak in: as is, base64 (as in an Authorization header), base64url, hex,
 * URL-encoded, and a 16-character fragment. Extends secrets_never_leave_the_vault.test.ts,
 * which searches for the secrets as they are in bodies, logs and the database file.
 */

type Sandbox = Awaited<ReturnType<typeof startSandbox>>

interface Seen {
  label: string
  text: string
}

let sandbox: Sandbox
let hub: TestHub
let client: Client
let secondKey: string
const seen: Seen[] = []
const sessionTokens: string[] = []

async function call(
  method: string,
  path: string,
  options: {
    apiKey?: string
    sessionToken?: string
    body?: unknown
    headers?: Record<string, string>
  } = {},
) {
  const headers: Record<string, string> = { ...options.headers }
  if (options.apiKey !== undefined) headers.authorization = basicAuth(options.apiKey)
  if (options.sessionToken !== undefined) headers['x-hub-session-token'] = options.sessionToken
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(new URL(path, hub.url), {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  const text = await response.text()
  const headerLines: string[] = []
  response.headers.forEach((value, name) => headerLines.push(`${name}: ${value}`))
  seen.push({
    label: `${method} ${path.split('?')[0] ?? ''}`,
    text: `${headerLines.join('\n')}\n\n${text}`,
  })
  return { status: response.status, text }
}

async function session(apiKey: string, body: Record<string, unknown> = {}) {
  const created = await createSession(client, apiKey, body)
  sessionTokens.push(created.token)
  return created.token
}

async function link(sessionToken: string, apiKey: string): Promise<string> {
  const response = await call('POST', '/hub/accounts', {
    sessionToken,
    body: { integration_id: 'payfit', credentials: { api_key: apiKey } },
  })
  return (JSON.parse(response.text) as { id: string }).id
}

function companyKeys(index: number) {
  const company = sandbox.companies[index]
  if (company === undefined) throw new Error(`the sandbox has no company ${String(index)}`)
  return company.keys
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 31, employees: 3, countries: ['FR', 'GB'] })
  hub = await startTestHub({ payfitUrl: sandbox.url, authThrottle: { maxFailures: 4 } })
  client = createClient(hub.url)
  secondKey = await hub.createProjectKey('second')
  const keys = companyKeys(0)

  const token = await session(hub.apiKey, { origin_owner_id: 'owner-1' })
  await call('GET', '/hub/settings', { sessionToken: token })
  await call('GET', '/hub/connectors', { sessionToken: token })
  for (const refused of [keys.read_only, keys.revoked, 'not-a-payfit-key-0123456789abcdef']) {
    await call('POST', '/hub/accounts', {
      sessionToken: token,
      body: { integration_id: 'payfit', credentials: { api_key: refused } },
    })
  }
  const id = await link(token, keys.guide)
  const otherId = await link(await session(secondKey), keys.full)

  const unified = { apiKey: hub.apiKey, headers: { 'x-account-id': id } }
  await call('GET', '/unified/hris/employees?raw=true&page_size=2', unified)
  await call('GET', '/unified/hris/companies?raw=true', unified)
  await call('GET', '/accounts', { apiKey: hub.apiKey })
  await call('GET', `/accounts/${id}`, { apiKey: hub.apiKey })
  await call('PATCH', `/accounts/${id}`, {
    apiKey: hub.apiKey,
    body: { credentials: { api_key: companyKeys(1).full } },
  })
  await call('PATCH', `/accounts/${id}`, {
    apiKey: hub.apiKey,
    body: { credentials: { api_key: keys.full } },
  })

  const edit = await session(hub.apiKey, { account_id: id })
  await call('GET', `/hub/accounts/${id}`, { sessionToken: edit })
  await call('PATCH', `/hub/accounts/${id}`, {
    sessionToken: edit,
    body: { integration_id: 'payfit', credentials: { api_key: keys.revoked } },
  })
  await call('POST', '/connect_sessions/authenticate', {
    apiKey: hub.apiKey,
    body: { token: edit },
  })
  await call('POST', '/connect_sessions/authenticate', { apiKey: secondKey, body: { token: edit } })
  await call('GET', `/link?token=${encodeURIComponent(edit)}`)
  await call('GET', `/no/such/route?token=${encodeURIComponent(edit)}&key=${hub.apiKey}`)

  // The stored key is revoked behind the hub's back: the next read turns the account to error.
  await call('PATCH', `/accounts/${otherId}`, {
    apiKey: secondKey,
    body: { credentials: { api_key: companyKeys(0).revoked } },
  })
  await revokeInSandbox(companyKeys(0).full)
  await call('GET', '/unified/hris/employees', {
    apiKey: secondKey,
    headers: { 'x-account-id': otherId },
  })
  await call('GET', '/unified/hris/employees', {
    apiKey: secondKey,
    headers: { 'x-account-id': otherId },
  })

  hub.clock.advance(3600)
  await call('GET', '/hub/settings', { sessionToken: edit })
  await call('DELETE', `/accounts/${id}`, { apiKey: hub.apiKey })
  await call('DELETE', `/accounts/${id}`, { apiKey: hub.apiKey })

  // Failures until the throttle answers 429, with both kinds of secret.
  for (let attempt = 0; attempt < 6; attempt++) {
    await call('GET', '/accounts', { apiKey: `${hub.apiKey}x` })
    await call('GET', '/hub/settings', { sessionToken: `${edit}x` })
  }
})

afterAll(async () => {
  await hub.close()
  await sandbox.close()
})

async function revokeInSandbox(key: string): Promise<void> {
  const response = await fetch(`${sandbox.url}/_sandbox/keys/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${sandbox.adminToken}` },
    body: JSON.stringify({ key }),
  })
  if (!response.ok) throw new Error(`the sandbox did not revoke the key: ${await response.text()}`)
}

function secrets(): [string, string][] {
  const first = companyKeys(0)
  return [
    ['the full key', first.full],
    ['the guide key', first.guide],
    ['the read-only key', first.read_only],
    ['the revoked key', first.revoked],
    ["the other company's key", companyKeys(1).full],
    ['the project API key', hub.apiKey],
    ["the second project's API key", secondKey],
    ...sessionTokens.map((token, index): [string, string] => [
      `session token ${String(index + 1)}`,
      token,
    ]),
  ]
}

function encodedForms(secret: string): [string, string][] {
  const bytes = (value: string) => Buffer.from(value, 'utf8')
  return [
    ['as is', secret],
    ['base64', bytes(secret).toString('base64')],
    ['base64 with a colon (Basic auth)', bytes(`${secret}:`).toString('base64')],
    ['base64url', bytes(secret).toString('base64url')],
    ['hex', bytes(secret).toString('hex')],
    ['URL-encoded', encodeURIComponent(secret)],
    ['a fragment', secret.slice(4, 20)],
  ]
}

function leaks(texts: Seen[], skip: (secret: string, seenText: Seen) => boolean = () => false) {
  const found: string[] = []
  for (const [name, secret] of secrets()) {
    for (const [form, encoded] of encodedForms(secret)) {
      for (const text of texts) {
        if (!skip(secret, text) && text.text.includes(encoded))
          found.push(`${name} ${form} in ${text.label}`)
      }
    }
  }
  return found
}

describe('no secret in any response or log line, in any encoding', () => {
  it('went through refusals, rotation, error, expiry and throttling', () => {
    expect(seen.length).toBeGreaterThan(30)
    expect(seen.some((entry) => entry.text.includes('"statusCode":429'))).toBe(true)
    expect(seen.some((entry) => entry.text.includes('"statusCode":412'))).toBe(true)
    expect(seen.some((entry) => entry.text.includes('"statusCode":409'))).toBe(true)
  })

  it('keeps every secret out of every response header and body', () => {
    expect(leaks(seen)).toEqual([])
  })

  it('keeps every secret out of every log line', () => {
    const lines = hub.logs
      .lines()
      .map((text, index) => ({ label: `log line ${String(index + 1)}`, text }))
    expect(lines.length).toBeGreaterThan(40)
    expect(leaks(lines)).toEqual([])
  })

  it('logs the throttled and failed requests without any Authorization or session header', () => {
    const text = hub.logs.text()
    expect(text).toContain('"statusCode":429')
    expect(text.toLowerCase()).not.toContain('authorization')
    expect(text.toLowerCase()).not.toContain('basic ')
    expect(text).not.toContain('x-hub-session-token":"cst_')
  })
})
