import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  createClient,
  createSession,
  linkAccount,
  startScenario,
  startTestHub,
  type Scenario,
} from '../harness.ts'

let scenario: Scenario

beforeAll(async () => {
  scenario = await startScenario({ seed: 11, employees: 5 })
})

afterAll(() => scenario.close())

async function accountCount(): Promise<number> {
  const listed = await scenario.client.request('GET', '/accounts', { apiKey: scenario.hub.apiKey })
  return (listed.body as unknown[]).length
}

describe('POST /hub/accounts', () => {
  it('links the guide key as an active account named after the company', async () => {
    const { token } = await createSession(scenario.client, scenario.hub.apiKey, {
      origin_owner_id: 'guide-owner',
    })
    const linked = await linkAccount(scenario.client, token, scenario.keys.guide)

    expect(linked.status).toBe(201)
    const { id, provider } = linked.body as { id: string; provider: string }
    expect(provider).toBe('payfit')
    expect(id).toMatch(/^acc_[0-9A-Za-z]{22}$/)

    const account = await scenario.client.request('GET', `/accounts/${id}`, {
      apiKey: scenario.hub.apiKey,
    })
    expect(account.body).toMatchObject({
      id,
      provider: 'payfit',
      provider_name: 'PayFit',
      origin_owner_id: 'guide-owner',
      status: 'active',
      status_reasons: null,
      setup_information: { company_id: scenario.company.id, company_name: scenario.company.name },
    })
  })

  it('refuses the read-only key, naming each of the eight missing scopes and its purpose', async () => {
    const before = await accountCount()
    const { token } = await createSession(scenario.client, scenario.hub.apiKey, {
      origin_owner_id: 'read-only-owner',
    })
    const refused = await linkAccount(scenario.client, token, scenario.keys.read_only)

    expect(refused.status).toBe(422)
    const body = refused.body as {
      reason: string
      message: string
      provider_response: string
      missing_scopes: { scope: string; purpose: string }[]
    }
    expect(body.reason).toBe('missing_scopes')
    expect(body.missing_scopes.map((scope) => scope.scope).sort()).toEqual(
      [
        'collaborators:contracts:read',
        'collaborators:contracts:write',
        'collaborators:legal-identity:read',
        'collaborators:management:read',
        'collaborators:personal:read',
        'collaborators:write',
        'contracts:read',
        'contracts:time-information:read',
      ].sort(),
    )
    for (const scope of body.missing_scopes) {
      expect(scope.purpose.length).toBeGreaterThan(10)
      expect(body.message).toContain(scope.scope)
    }
    expect(typeof body.provider_response).toBe('string')
    expect(await accountCount()).toBe(before)
  })

  it.each([
    ['the revoked key', () => scenario.keys.revoked],
    ['a made-up key', () => 'this-is-not-a-payfit-key-at-all-0123456789abcdef'],
  ])('refuses %s as invalid credentials and creates no account', async (_name, key) => {
    const before = await accountCount()
    const { token } = await createSession(scenario.client, scenario.hub.apiKey, {
      origin_owner_id: 'bad-key-owner',
    })
    const refused = await linkAccount(scenario.client, token, key())

    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ statusCode: 400, reason: 'invalid_credentials' })
    expect(typeof (refused.body as { provider_response: unknown }).provider_response).toBe('string')
    expect(await accountCount()).toBe(before)
  })

  it('refuses an empty key without calling the provider', async () => {
    const { token } = await createSession(scenario.client, scenario.hub.apiKey)
    const refused = await linkAccount(scenario.client, token, '  ')
    expect(refused.status).toBe(400)
    expect((refused.body as { message: string }).message).toContain('API Key is required')
  })

  it('answers 502 with a "try again" reason when PayFit cannot be reached', async () => {
    const offline = await startTestHub({ payfitUrl: 'http://127.0.0.1:9' })
    try {
      const offlineClient = createClient(offline.url)
      const { token } = await createSession(offlineClient, offline.apiKey)
      const refused = await linkAccount(offlineClient, token, scenario.keys.guide)
      expect(refused.status).toBe(502)
      expect(refused.body).toMatchObject({ statusCode: 502, reason: 'provider_unavailable' })
    } finally {
      await offline.close()
    }
  })

  it('refuses a provider the session was not created for', async () => {
    const { token } = await createSession(scenario.client, scenario.hub.apiKey)
    const refused = await scenario.client.request('POST', '/hub/accounts', {
      sessionToken: token,
      body: { integration_id: 'hibob', credentials: { api_key: 'x' } },
    })
    expect(refused.status).toBe(404)
  })
})
