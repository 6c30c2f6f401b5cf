import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { allScopes } from '../../src/sandbox/scopes.ts'
import { sandboxAdmin, setFaults } from '../conformance/sandbox-admin.ts'
import { link, startUnifiedFixture, type UnifiedFixture } from '../conformance/fixture.ts'
import { basicAuth } from '../harness.ts'
import { waitFor } from '../wait-for.ts'

let fixture: UnifiedFixture
let companyId: string

beforeAll(async () => {
  fixture = await startUnifiedFixture({ employees: 5 })
  companyId = fixture.sandbox.companies[0]?.id ?? ''
})

afterAll(async () => {
  await fixture.close()
})

async function mintKey(): Promise<{ key: string; keyId: string }> {
  return (await sandboxAdmin(fixture.sandbox, 'POST', '/keys', {
    companyId,
    scopes: [...allScopes],
  })) as { key: string; keyId: string }
}

async function receivedWith(keyId: string): Promise<number> {
  const stats = (await sandboxAdmin(fixture.sandbox, 'GET', '/stats')) as {
    keys: Record<string, { peakPerSecond: { received: number } } | undefined>
  }
  return stats.keys[keyId]?.peakPerSecond.received ?? 0
}

function hubRequest(method: string, path: string, accountId: string, body?: unknown) {
  return fetch(`${fixture.hub.url}${path}`, {
    method,
    headers: {
      authorization: basicAuth(fixture.hub.apiKey),
      'x-account-id': accountId,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

describe('a key refused after it was replaced', () => {
  it('does not disable the account that now holds a working key', async () => {
    const old = await mintKey()
    const replacement = await mintKey()
    const accountId = await link(fixture.hub, 'owner-late-401', old.key)
    await sandboxAdmin(fixture.sandbox, 'DELETE', '/stats')
    await setFaults(fixture.sandbox, { rules: [{ route: 'collaborators.list', latencyMs: 1_500 }] })

    const inFlight = hubRequest('GET', '/unified/hris/employees', accountId)
    await waitFor('the slowed read to reach the sandbox', async () =>
      (await receivedWith(old.keyId)) > 0 ? true : undefined,
    )
    await sandboxAdmin(fixture.sandbox, 'DELETE', '/faults')
    const relinked = await hubRequest('PATCH', `/accounts/${accountId}`, accountId, {
      credentials: { api_key: replacement.key },
    })
    expect(relinked.status).toBe(200)
    await sandboxAdmin(fixture.sandbox, 'POST', '/keys/revoke', { key: old.key })

    const late = await inFlight
    expect(late.status).toBe(502)
    const account = (await (
      await hubRequest('GET', `/accounts/${accountId}`, accountId)
    ).json()) as {
      status: string
    }
    expect(account.status).toBe('active')
    const after = await hubRequest('GET', '/unified/hris/employees', accountId)
    expect(after.status).toBe(200)
  })

  it('still disables the account when the key it holds is refused', async () => {
    const key = await mintKey()
    const accountId = await link(fixture.hub, 'owner-revoked', key.key)
    await sandboxAdmin(fixture.sandbox, 'POST', '/keys/revoke', { key: key.key })

    const refused = await hubRequest('GET', '/unified/hris/employees', accountId)
    expect(refused.status).toBe(412)
    const account = (await (
      await hubRequest('GET', `/accounts/${accountId}`, accountId)
    ).json()) as {
      status: string
      provider_name: string
      status_reasons: { code: string; description: string }[]
    }
    expect(account.status).toBe('error')
    expect(account.status_reasons[0]?.code).toBe('invalid_credentials')
    expect(account.status_reasons[0]?.description).toContain(account.provider_name)
  })
})
