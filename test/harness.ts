import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Project } from '../src/accounts/projects.ts'
import { startHub, type Hub, type StartHubOptions } from '../src/hub.ts'
import { createLogger } from '../src/log.ts'
import { startSandbox, type RunningSandbox, type SandboxCompany } from '../src/sandbox/index.ts'
import type { Country } from '../src/sandbox/types.ts'

/** Every log line the hub wrote, kept in memory so tests can search them. */
export interface LogCapture {
  write(line: string): void
  lines(): string[]
  text(): string
}

export function createLogCapture(): LogCapture {
  const lines: string[] = []
  return {
    write: (line) => lines.push(line),
    lines: () => [...lines],
    text: () => lines.join(''),
  }
}

/** A clock tests move forward instead of sleeping. */
export interface TestClock {
  now: () => Date
  advance: (seconds: number) => void
}

export function createTestClock(start = new Date()): TestClock {
  let current = start.getTime()
  return {
    now: () => new Date(current),
    advance: (seconds) => {
      current += seconds * 1000
    },
  }
}

export interface TestHub {
  url: string
  apiKey: string
  project: Project
  hub: Hub
  dataDir: string
  logs: LogCapture
  clock: TestClock
  /** Another project's key on the same hub, for isolation tests. */
  createProjectKey(name: string): Promise<string>
  close(): Promise<void>
}

/**
 * A hub on an ephemeral loopback port with a fresh data directory (removed on close), a project
 * key, an adjustable clock and captured logs. `payfitUrl` is where the sandbox listens.
 */
export async function startTestHub(
  options: { payfitUrl?: string } & StartHubOptions = {},
): Promise<TestHub> {
  const { payfitUrl = 'http://127.0.0.1:9', ...rest } = options
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-hub-'))
  const logs = createLogCapture()
  const clock = createTestClock()
  try {
    const hub = await startHub({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      payfitApiUrl: payfitUrl,
      payfitOauthUrl: payfitUrl,
      logger: createLogger({ level: 'debug', destination: logs }),
      now: clock.now,
      providerTimeoutMs: 5_000,
      ...rest,
    })
    const { apiKey, project } = await hub.createProjectKey('test')
    return {
      url: hub.url,
      apiKey,
      project,
      hub,
      dataDir,
      logs,
      clock,
      createProjectKey: async (name) => (await hub.createProjectKey(name)).apiKey,
      async close() {
        await hub.close()
        fs.rmSync(dataDir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
}

export function basicAuth(apiKey: string): string {
  return `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`
}

export interface JsonResponse {
  status: number
  headers: Headers
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown
  text: string
}

/** A small HTTP client that records every response body it saw (for leak checks). */
export function createClient(baseUrl: string) {
  const seen: string[] = []

  async function request(
    method: string,
    pathname: string,
    options: {
      apiKey?: string
      sessionToken?: string
      body?: unknown
      headers?: Record<string, string>
    } = {},
  ): Promise<JsonResponse> {
    const headers: Record<string, string> = { ...options.headers }
    if (options.apiKey !== undefined) headers.authorization = basicAuth(options.apiKey)
    if (options.sessionToken !== undefined) headers['x-hub-session-token'] = options.sessionToken
    if (options.body !== undefined) headers['content-type'] = 'application/json'

    const response = await fetch(new URL(pathname, baseUrl), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    })
    const text = await response.text()
    seen.push(text)
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
      text,
    }
  }

  return {
    request,
    /** Every response body received so far, in order. */
    bodies: () => [...seen],
    /** Every response body received so far, concatenated. */
    seenBodies: () => seen.join('\n'),
  }
}

export type Client = ReturnType<typeof createClient>

/** Creates a connect session over HTTP and returns its token and response body. */
export async function createSession(
  client: Client,
  apiKey: string,
  body: Record<string, unknown> = {},
): Promise<{ token: string; body: Record<string, unknown> }> {
  const response = await client.request('POST', '/connect_sessions', {
    apiKey,
    body: { origin_owner_id: 'customer-1', origin_owner_name: 'Customer One', ...body },
  })
  if (response.status !== 201) throw new Error(`connect session not created: ${response.text}`)
  const created = response.body as Record<string, unknown>
  return { token: String(created.token), body: created }
}

/** Links a PayFit key through `/hub/accounts` as a Link UI would. */
export function linkAccount(client: Client, sessionToken: string, apiKey: string) {
  return client.request('POST', '/hub/accounts', {
    sessionToken,
    body: { integration_id: 'payfit', credentials: { api_key: apiKey } },
  })
}

export interface Scenario {
  sandbox: RunningSandbox
  hub: TestHub
  client: Client
  /** The first sandbox company and its keys. */
  company: SandboxCompany
  keys: SandboxCompany['keys']
  close(): Promise<void>
}

/** A sandbox, a hub pointed at it and a recording client; nothing is linked yet. */
export async function startScenario(options: {
  seed: number
  employees: number
  countries?: Country[]
  hub?: StartHubOptions
}): Promise<Scenario> {
  const { hub: hubOptions, ...sandboxOptions } = options
  const sandbox = await startSandbox({ port: 0, ...sandboxOptions })
  const company = sandbox.companies[0]
  if (company === undefined) {
    await sandbox.close()
    throw new Error('the sandbox has no company')
  }
  const hub = await startTestHub({ payfitUrl: sandbox.url, ...hubOptions }).catch(
    async (error: unknown) => {
      await sandbox.close()
      throw error
    },
  )
  return {
    sandbox,
    hub,
    client: createClient(hub.url),
    company,
    keys: company.keys,
    async close() {
      await hub.close()
      await sandbox.close()
    },
  }
}

/** Links a PayFit key and returns the account id, throwing when linking did not succeed. */
export async function linkAccountId(
  client: Client,
  sessionToken: string,
  apiKey: string,
): Promise<string> {
  const linked = await linkAccount(client, sessionToken, apiKey)
  if (linked.status !== 201) throw new Error(`account not linked: ${String(linked.status)}`)
  return (linked.body as { id: string }).id
}

/** The accounts of one origin owner, through `GET /accounts` as a developer's backend lists them. */
export async function listOwnerAccounts<T = { id: string; status: string }>(
  client: Client,
  apiKey: string,
  ownerId: string,
): Promise<T[]> {
  const query = new URLSearchParams({ origin_owner_id: ownerId })
  const response = await client.request('GET', `/accounts?${query.toString()}`, { apiKey })
  if (response.status !== 200) throw new Error(`GET /accounts: ${String(response.status)}`)
  return response.body as T[]
}
