import { startSandbox, type FaultConfig, type RunningSandbox } from '../../../src/sandbox/index.ts'
import type { StartHubOptions } from '../../../src/hub.ts'
import { link } from '../../conformance/fixture.ts'
import { sandboxAdmin } from '../../conformance/sandbox-admin.ts'
import { basicAuth, startTestHub, type TestHub } from '../../harness.ts'
import { startCountingProxy, type CountingProxy } from './counting-proxy.ts'

export const heavy = process.env.PASSERELLE_HEAVY === '1'

/** A request that did not end within this is counted as a hang, not waited for. */
export const hangBoundMs = 15_000

export interface Answer {
  status: number
  headers: Headers
  text: string
  /** Parsed JSON, or null when the body is not JSON. */
  json: unknown
  /** The request did not end within its bound. */
  hung: boolean
}

export interface Call {
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH'
  path: string
  body?: unknown
  headers?: Record<string, string>
}

/** One request with an abort bound: the hub must answer, a hang is recorded instead of awaited. */
export async function bounded(baseUrl: string, call: Call, boundMs = hangBoundMs): Promise<Answer> {
  const headers: Record<string, string> = { ...call.headers }
  if (call.body !== undefined) headers['content-type'] = 'application/json'
  try {
    const response = await fetch(new URL(call.path, baseUrl), {
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal: AbortSignal.timeout(boundMs),
    })
    const text = await response.text()
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: parse(text),
      hung: false,
    }
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      return { status: 0, headers: new Headers(), text: '', json: null, hung: true }
    }
    throw error
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

/** StackOne's error body: `{statusCode, message, timestamp}` with the status it came with. */
export function isTypedError(answer: Answer): boolean {
  const body = answer.json
  if (typeof body !== 'object' || body === null) return false
  const { statusCode, message, timestamp } = body as Record<string, unknown>
  return (
    statusCode === answer.status &&
    typeof message === 'string' &&
    message !== '' &&
    typeof timestamp === 'string' &&
    !Number.isNaN(Date.parse(timestamp))
  )
}

export interface FaultRig {
  sandbox: RunningSandbox
  hub: TestHub
  /** Between the hub and the sandbox, counting attempts as they arrive. */
  proxy: CountingProxy
  /** Linked accounts: the French company (full key) and the British one. */
  accounts: { fr: string; gb: string }
  unifiedHeaders(accountId: string): Record<string, string>
  setFaults(faults: FaultConfig): Promise<void>
  clearFaults(): Promise<void>
  /** Clears the sandbox's stats and the proxy's count. */
  resetStats(): Promise<void>
  /** Requests that reached the proxy since the last reset whose `METHOD /path` matches. */
  attemptsMatching(pattern: RegExp): number
  accountStatus(accountId: string): Promise<string>
  isHealthy(): Promise<boolean>
  close(): Promise<void>
}

/** A sandbox (a French and a British company) and a hub with a short provider deadline. */
export async function startFaultRig(
  options: { employees?: number; hub?: StartHubOptions } = {},
): Promise<FaultRig> {
  const sandbox = await startSandbox({
    port: 0,
    seed: 11,
    employees: options.employees ?? 60,
    countries: ['FR', 'GB'],
    today: '2026-06-15',
  })
  const proxy = await startCountingProxy(sandbox.url)
  const hub = await startTestHub({ payfitUrl: proxy.url, ...options.hub })
  const [fr, gb] = sandbox.companies
  if (fr === undefined || gb === undefined) throw new Error('the sandbox has no companies')
  const accounts = {
    fr: await link(hub, 'owner-fr', fr.keys.full),
    gb: await link(hub, 'owner-gb', gb.keys.full),
  }
  return {
    sandbox,
    hub,
    proxy,
    accounts,
    unifiedHeaders: (accountId) => ({
      authorization: basicAuth(hub.apiKey),
      'x-account-id': accountId,
    }),
    async setFaults(faults) {
      await sandboxAdmin(sandbox, 'PUT', '/faults', faults)
    },
    async clearFaults() {
      await sandboxAdmin(sandbox, 'DELETE', '/faults')
    },
    async resetStats() {
      await sandboxAdmin(sandbox, 'DELETE', '/stats')
      proxy.reset()
    },
    attemptsMatching: (pattern) => proxy.seen().filter((line) => pattern.test(line)).length,
    async accountStatus(accountId) {
      return (await hub.hub.services.accounts.get(hub.project.id, accountId)).status
    },
    async isHealthy() {
      const answer = await bounded(hub.url, { method: 'GET', path: '/health' }, 5_000)
      return answer.status === 200
    },
    async close() {
      await hub.close()
      await proxy.close()
      await sandbox.close()
    },
  }
}
