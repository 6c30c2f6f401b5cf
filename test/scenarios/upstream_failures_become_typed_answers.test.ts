import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { basicAuth } from '../harness.ts'
import { guideScopes } from '../../src/sandbox/scopes.ts'
import { link, startUnifiedFixture, type UnifiedFixture } from '../conformance/fixture.ts'
import { sandboxAdmin, setFaults } from '../conformance/sandbox-admin.ts'

let fixture: UnifiedFixture

beforeAll(async () => {
  fixture = await startUnifiedFixture({ employees: 120 })
})

afterAll(async () => {
  await fixture.close()
})

beforeEach(async () => {
  await sandboxAdmin(fixture.sandbox, 'DELETE', '/faults')
})

async function unified(path: string, accountId: string) {
  const response = await fetch(`${fixture.hub.url}/unified/hris${path}`, {
    headers: { authorization: basicAuth(fixture.hub.apiKey), 'x-account-id': accountId },
  })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    body: JSON.parse(text) as Record<string, unknown>,
  }
}

async function accountStatus(accountId: string) {
  return fixture.hub.hub.services.accounts.get(fixture.hub.project.id, accountId)
}

describe('upstream failures on real HTTP', () => {
  it('answers 400 naming x-account-id when the header is missing', async () => {
    const response = await fetch(`${fixture.hub.url}/unified/hris/employees`, {
      headers: { authorization: basicAuth(fixture.hub.apiKey) },
    })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { message: string }).message).toContain('x-account-id')
  })

  it('keeps the account active through a burst of PayFit 5xx and answers 502 with provider_errors', async () => {
    await setFaults(fixture.sandbox, {
      rules: [{ route: 'collaborators.get', errorRates: { '503': 1 } }],
    })
    const failed = await unified('/employees/any-id', fixture.accounts.guide)
    expect(failed.status).toBe(502)
    expect(failed.body.provider_errors).toEqual([expect.objectContaining({ status: 503 })])
    expect((await accountStatus(fixture.accounts.guide)).status).toBe('active')

    await sandboxAdmin(fixture.sandbox, 'DELETE', '/faults')
    const recovered = await unified('/employees?page_size=1', fixture.accounts.guide)
    expect(recovered.status).toBe(200)
  })

  it('waits out a short PayFit 429 burst per Retry-After and answers 200', async () => {
    await setFaults(fixture.sandbox, {
      rules: [{ route: 'companies.get', tooManyRequestsBurst: 1 }],
    })
    const response = await unified('/companies', fixture.accounts.guide)
    expect(response.status).toBe(200)
  })

  it('answers 429 with Retry-After when PayFit keeps rate limiting past the budget', async () => {
    await setFaults(fixture.sandbox, {
      rules: [{ route: 'companies.get', tooManyRequestsRate: 1 }],
    })
    const response = await unified('/companies', fixture.accounts.full)
    expect(response.status).toBe(429)
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect((await accountStatus(fixture.accounts.full)).status).toBe('active')
  })

  it('ends the request with 502 when PayFit repeats a page token', async () => {
    await setFaults(fixture.sandbox, {
      rules: [{ route: 'collaborators.list', repeatNextPageToken: true }],
    })
    const response = await unified('/employees?page_size=100', fixture.accounts.full)
    expect(response.status).toBe(502)
    expect(response.body.message).toContain('page token')
  })

  it('turns the account to error when PayFit refuses its key, then answers 412 without calling PayFit', async () => {
    const company = fixture.sandbox.companies[0]
    const minted = (await sandboxAdmin(fixture.sandbox, 'POST', '/keys', {
      companyId: company?.id,
      scopes: guideScopes,
    })) as { key: string }
    const accountId = await link(fixture.hub, 'owner-revoked', minted.key)
    await sandboxAdmin(fixture.sandbox, 'POST', '/keys/revoke', { key: minted.key })

    const first = await unified('/employees?page_size=1', accountId)
    expect(first.status).toBe(412)
    expect(first.body.message).toContain('relink')
    const account = await accountStatus(accountId)
    expect(account.status).toBe('error')
    expect(account.status_reasons?.map((reason) => reason.code)).toEqual(['invalid_credentials'])

    await sandboxAdmin(fixture.sandbox, 'DELETE', '/stats')
    const second = await unified('/employees?page_size=1', accountId)
    expect(second.status).toBe(412)
    const stats = (await sandboxAdmin(fixture.sandbox, 'GET', '/stats')) as {
      global: { requests: number }
    }
    expect(stats.global.requests).toBe(0)
    expect(fixture.hub.logs.text()).not.toContain(minted.key)
  })
})
