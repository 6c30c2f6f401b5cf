import { allScopes } from '../src/sandbox/scopes.ts'
import type { SandboxChild } from './processes.ts'

export interface SandboxCounters {
  requests: number
  byStatus: Record<string, number>
  byRoute: Record<string, Record<string, number>>
  peakPerSecond: { received: number; accepted: number }
}

export interface SandboxStats {
  global: SandboxCounters
  keys: Record<string, SandboxCounters>
}

async function admin(sandbox: SandboxChild, method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method,
    headers: {
      authorization: `Bearer ${sandbox.adminToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  if (response.status >= 300) {
    throw new Error(`sandbox admin ${method} ${path} answered ${String(response.status)}`)
  }
  return text === '' ? undefined : (JSON.parse(text) as unknown)
}

/** Mints `count` keys with every scope for the company; each has its own rate-limit bucket. */
export async function mintKeys(
  sandbox: SandboxChild,
  companyId: string,
  count: number,
): Promise<string[]> {
  const keys: string[] = []
  for (let index = 0; index < count; index += 1) {
    const minted = (await admin(sandbox, 'POST', '/keys', {
      companyId,
      scopes: [...allScopes],
    })) as { key: string }
    keys.push(minted.key)
  }
  return keys
}

export async function resetStats(sandbox: SandboxChild): Promise<void> {
  await admin(sandbox, 'DELETE', '/stats')
}

export async function readStats(sandbox: SandboxChild): Promise<SandboxStats> {
  return (await admin(sandbox, 'GET', '/stats')) as SandboxStats
}

export async function companyCounts(
  sandbox: SandboxChild,
  companyId: string,
): Promise<{ collaborators: number; contracts: number }> {
  return (await admin(sandbox, 'GET', `/companies/${companyId}/counts`)) as {
    collaborators: number
    contracts: number
  }
}

/** Total requests per route name, whatever their status. */
export function callsByRoute(counters: SandboxCounters): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counters.byRoute).map(([route, statuses]) => [
      route,
      Object.values(statuses).reduce((sum, count) => sum + count, 0),
    ]),
  )
}

/** Adds a fixed latency to every sandbox call (0 removes it), without other faults. */
export async function setLatency(sandbox: SandboxChild, fixedMs: number): Promise<void> {
  await admin(sandbox, 'PUT', '/faults', { latency: { fixedMs, jitterMs: 0 }, rules: [] })
}
