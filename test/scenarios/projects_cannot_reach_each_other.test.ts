import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  basicAuth,
  createSession,
  linkAccountId,
  startScenario,
  type Scenario,
} from '../harness.ts'

let scenario: Scenario
let otherKey: string
let accountId: string
let sessionToken: string

beforeAll(async () => {
  scenario = await startScenario({ seed: 13, employees: 3 })
  const { client, hub, keys } = scenario
  otherKey = await hub.createProjectKey('other')

  const session = await createSession(client, hub.apiKey, { origin_owner_id: 'isolated' })
  sessionToken = session.token
  accountId = await linkAccountId(client, session.token, keys.guide)
})

afterAll(() => scenario.close())

describe('project isolation', () => {
  it('lists only the accounts of the project whose key is used', async () => {
    const mine = await scenario.client.request('GET', '/accounts', { apiKey: scenario.hub.apiKey })
    const theirs = await scenario.client.request('GET', '/accounts', { apiKey: otherKey })

    expect((mine.body as { id: string }[]).map((account) => account.id)).toEqual([accountId])
    expect(theirs.body).toEqual([])
  })

  it('does not let a filter on account ids reveal another project account', async () => {
    const theirs = await scenario.client.request('GET', `/accounts?account_ids=${accountId}`, {
      apiKey: otherKey,
    })
    expect(theirs.body).toEqual([])
  })

  it.each([
    ['GET', () => `/accounts/${accountId}`, undefined],
    ['GET', () => `/accounts/${accountId}/meta`, undefined],
    ['PATCH', () => `/accounts/${accountId}`, { label: 'taken' }],
    ['DELETE', () => `/accounts/${accountId}`, undefined],
  ])('answers 404 to %s %s with another project key', async (method, pathname, body) => {
    const response = await scenario.client.request(method, pathname(), { apiKey: otherKey, body })
    expect(response.status).toBe(404)
    expect(response.body).toMatchObject({ statusCode: 404, message: 'Account not found' })
  })

  it('keeps the account after the other project tried to delete it', async () => {
    const response = await scenario.client.request('GET', `/accounts/${accountId}`, {
      apiKey: scenario.hub.apiKey,
    })
    expect(response.status).toBe(200)
  })

  it('refuses to open an edit session on another project account', async () => {
    const response = await scenario.client.request('POST', '/connect_sessions', {
      apiKey: otherKey,
      body: { origin_owner_id: 'x', origin_owner_name: 'X', account_id: accountId },
    })
    expect(response.status).toBe(404)
  })

  it('does not authenticate another project session token', async () => {
    const response = await scenario.client.request('POST', '/connect_sessions/authenticate', {
      apiKey: otherKey,
      body: { token: sessionToken },
    })
    expect(response.status).toBe(404)
  })

  it.each([
    ['no Authorization header', {}],
    ['an unknown key', { authorization: basicAuth('psk_unknown_key_0000000000000000') }],
    ['a bearer token', { authorization: 'Bearer whatever' }],
  ])('answers 401 JSON to %s', async (_name, headers) => {
    const response = await scenario.client.request('GET', '/accounts', { headers })
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="passerelle"')
    expect(response.body).toMatchObject({ statusCode: 401 })
  })

  it('accepts the key encoded without the trailing colon', async () => {
    const response = await scenario.client.request('GET', '/accounts', {
      headers: { authorization: `Basic ${Buffer.from(scenario.hub.apiKey).toString('base64')}` },
    })
    expect(response.status).toBe(200)
  })
})
