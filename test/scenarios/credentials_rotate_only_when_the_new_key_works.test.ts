import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createSession, linkAccountId, startScenario, type Scenario } from '../harness.ts'

let scenario: Scenario
let accountId: string

beforeAll(async () => {
  scenario = await startScenario({ seed: 14, employees: 3, countries: ['FR', 'ES'] })
  const { client, hub, keys } = scenario
  const session = await createSession(client, hub.apiKey, { origin_owner_id: 'rotator' })
  accountId = await linkAccountId(client, session.token, keys.guide)
})

afterAll(() => scenario.close())

function storedKey(): Promise<string | undefined> {
  return scenario.hub.hub.services.accounts
    .openCredentials(scenario.hub.project.id, accountId)
    .then((credentials) => credentials.api_key)
}

function patch(body: unknown) {
  return scenario.client.request('PATCH', `/accounts/${accountId}`, {
    apiKey: scenario.hub.apiKey,
    body,
  })
}

describe('PATCH /accounts/{id}', () => {
  it('keeps the old key and says why when the new key is revoked', async () => {
    const refused = await patch({ credentials: { api_key: scenario.keys.revoked } })

    expect(refused.status).toBe(400)
    expect((refused.body as { message: string }).message.length).toBeGreaterThan(0)
    expect(await storedKey()).toBe(scenario.keys.guide)
  })

  it('keeps the old key when the new key lacks required scopes', async () => {
    const refused = await patch({ credentials: { api_key: scenario.keys.read_only } })

    expect(refused.status).toBe(422)
    expect((refused.body as { message: string }).message).toContain('contracts:read')
    expect(await storedKey()).toBe(scenario.keys.guide)
  })

  it('stores a working new key and keeps the account active', async () => {
    const rotated = await patch({ credentials: { api_key: scenario.keys.full } })

    expect(rotated.status).toBe(200)
    expect(rotated.body).toMatchObject({ id: accountId, status: 'active' })
    expect(await storedKey()).toBe(scenario.keys.full)
  })

  it('treats empty credentials, as the StackOne SDK sends them, as no change', async () => {
    const before = await storedKey()
    const response = await patch({
      credentials: {},
      label: 'Payroll',
      origin_owner_name: 'Renamed',
    })

    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ label: 'Payroll', origin_owner_name: 'Renamed' })
    expect(await storedKey()).toBe(before)
  })

  it('refuses a key of another company', async () => {
    const other = scenario.sandbox.companies[1]
    if (other === undefined) throw new Error('the sandbox has no second company')
    const refused = await patch({ credentials: { api_key: other.keys.guide } })
    expect(refused.status).toBe(409)
    expect(await storedKey()).toBe(scenario.keys.full)
  })

  it('names the field when the body is malformed', async () => {
    const refused = await patch({ credentials: { api_key: 42 } })
    expect(refused.status).toBe(400)
    expect((refused.body as { message: string }).message).toContain('credentials.api_key')
  })
})

describe('edit mode through /hub/accounts/{id}', () => {
  it('shows the account with its key redacted to at most two characters', async () => {
    const { token } = await createSession(scenario.client, scenario.hub.apiKey, {
      origin_owner_id: 'rotator',
      account_id: accountId,
    })
    const settings = await scenario.client.request('GET', '/hub/settings', { sessionToken: token })
    const account = await scenario.client.request('GET', `/hub/accounts/${accountId}`, {
      sessionToken: token,
    })
    const current = (await storedKey()) ?? ''

    expect(settings.body).toMatchObject({ existing_account_id: accountId })
    expect(account.body).toEqual({
      id: accountId,
      provider: 'payfit',
      integrationId: 'payfit',
      authConfigKey: 'api_key',
      environment: 'production',
      setupInformation: {},
      secrets: { api_key: `__secretvalue:**redacted**${current.slice(-2)}` },
    })
  })

  it('rotates the key through PATCH and leaves it alone when the redacted value comes back', async () => {
    const { token } = await createSession(scenario.client, scenario.hub.apiKey, {
      account_id: accountId,
    })
    const untouched = await scenario.client.request('PATCH', `/hub/accounts/${accountId}`, {
      sessionToken: token,
      body: { integration_id: 'payfit', credentials: { api_key: '__secretvalue:**redacted**xy' } },
    })
    expect(untouched.status).toBe(200)
    expect(await storedKey()).toBe(scenario.keys.full)

    const rotated = await scenario.client.request('PATCH', `/hub/accounts/${accountId}`, {
      sessionToken: token,
      body: { integration_id: 'payfit', credentials: { api_key: scenario.keys.guide } },
    })
    expect(rotated.status).toBe(200)
    expect(rotated.body).toEqual({ id: accountId, provider: 'payfit' })
    expect(await storedKey()).toBe(scenario.keys.guide)
  })

  it('answers 404 for an account the session was not opened for', async () => {
    const { token } = await createSession(scenario.client, scenario.hub.apiKey)
    const response = await scenario.client.request('GET', `/hub/accounts/${accountId}`, {
      sessionToken: token,
    })
    expect(response.status).toBe(404)
    expect(response.body).toHaveProperty('provider_response')
  })
})
