import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSandbox } from '../../src/sandbox/index.ts'
import {
  createClient,
  createSession,
  linkAccount,
  startTestHub,
  type Client,
  type TestHub,
} from '../harness.ts'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>

let sandbox: Sandbox
let hub: TestHub
let client: Client
const sessionTokens: string[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 17, employees: 3 })
  hub = await startTestHub({ payfitUrl: sandbox.url })
  client = createClient(hub.url)
  const keys = companyKeys()

  // Walk through every path that handles a key: link, refuse, rotate, edit mode, list, delete.
  const session = await createSession(client, hub.apiKey, { origin_owner_id: 'leak-check' })
  sessionTokens.push(session.token)
  const id = ((await linkAccount(client, session.token, keys.guide)).body as { id: string }).id
  for (const key of [keys.read_only, keys.revoked, 'garbage-key-with-no-meaning-0123456789']) {
    await linkAccount(client, session.token, key)
  }
  await client.request('PATCH', `/accounts/${id}`, {
    apiKey: hub.apiKey,
    body: { credentials: { api_key: keys.revoked } },
  })
  await client.request('PATCH', `/accounts/${id}`, {
    apiKey: hub.apiKey,
    body: { credentials: { api_key: keys.full } },
  })
  const edit = await createSession(client, hub.apiKey, { account_id: id })
  sessionTokens.push(edit.token)
  await client.request('GET', `/hub/accounts/${id}`, { sessionToken: edit.token })
  await client.request('PATCH', `/hub/accounts/${id}`, {
    sessionToken: edit.token,
    body: { integration_id: 'payfit', credentials: { api_key: keys.guide } },
  })
  await client.request('GET', '/accounts', { apiKey: hub.apiKey })
  await client.request('GET', `/accounts/${id}`, { apiKey: hub.apiKey })
  await client.request('POST', '/connect_sessions/authenticate', {
    apiKey: hub.apiKey,
    body: { token: session.token },
  })
})

afterAll(async () => {
  await hub.close()
  await sandbox.close()
})

function companyKeys() {
  const first = sandbox.companies[0]
  if (first === undefined) throw new Error('the sandbox has no company')
  return first.keys
}

function secrets(): [string, string][] {
  const keys = companyKeys()
  return [
    ['the guide key', keys.guide],
    ['the full key', keys.full],
    ['the read-only key', keys.read_only],
    ['the revoked key', keys.revoked],
    ['the project API key', hub.apiKey],
    ...sessionTokens.map((token, index): [string, string] => [`session token ${index + 1}`, token]),
  ]
}

describe('no credential leaves the vault', () => {
  it('keeps every key and token out of every response body after the session was created', () => {
    const bodies = client.seenBodies()
    for (const [name, secret] of secrets()) {
      if (name.startsWith('session token')) continue
      expect(bodies.includes(secret), name).toBe(false)
    }
  })

  it('keeps every key and token out of every log line', () => {
    const logs = hub.logs.text()
    expect(hub.logs.lines().length).toBeGreaterThan(10)
    for (const [name, secret] of secrets()) expect(logs.includes(secret), name).toBe(false)
  })

  it('writes one request line per request with its route template, never its URL', () => {
    const requestLines = hub.logs
      .lines()
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'request completed')
    expect(requestLines.length).toBeGreaterThan(10)
    for (const line of requestLines) {
      expect(line).toMatchObject({
        reqId: expect.any(String) as string,
        method: expect.any(String) as string,
        route: expect.any(String) as string,
        statusCode: expect.any(Number) as number,
        durationMs: expect.any(Number) as number,
      })
      expect(line).not.toHaveProperty('url')
    }
    expect(requestLines.some((line) => typeof line.accountId === 'string')).toBe(true)
  })

  it('stores no key or token in clear in the database file or its WAL', () => {
    const files = fs
      .readdirSync(hub.dataDir)
      .filter((name) => name.startsWith('passerelle.db'))
      .map((name) => path.join(hub.dataDir, name))
    expect(files.length).toBeGreaterThan(0)
    const bytes = Buffer.concat(files.map((file) => fs.readFileSync(file)))
    for (const [name, secret] of secrets()) {
      expect(bytes.includes(Buffer.from(secret, 'utf8')), name).toBe(false)
    }
  })
})
