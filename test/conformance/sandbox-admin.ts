import type { FaultConfig, RunningSandbox } from '../../src/sandbox/index.ts'

/** Calls the sandbox's admin API (`/_sandbox/*`) and returns the decoded JSON, if any. */
export async function sandboxAdmin(
  sandbox: RunningSandbox,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method,
    headers: {
      authorization: `Bearer ${sandbox.adminToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (response.status >= 400) throw new Error(`sandbox admin ${path}: ${String(response.status)}`)
  const text = await response.text()
  return text === '' ? undefined : (JSON.parse(text) as unknown)
}

export function setFaults(sandbox: RunningSandbox, faults: FaultConfig): Promise<unknown> {
  return sandboxAdmin(sandbox, 'PUT', '/faults', faults)
}

/** Requests the sandbox answered per route name (`collaborators.list`…), all statuses summed. */
export async function callsByRoute(sandbox: RunningSandbox): Promise<Record<string, number>> {
  const stats = (await sandboxAdmin(sandbox, 'GET', '/stats')) as {
    global: { byRoute: Record<string, Record<string, number>> }
  }
  return Object.fromEntries(
    Object.entries(stats.global.byRoute).map(([route, byStatus]) => [
      route,
      Object.values(byStatus).reduce((sum, count) => sum + count, 0),
    ]),
  )
}
