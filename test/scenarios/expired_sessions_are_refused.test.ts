import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createSession, linkAccount, startScenario, type Scenario } from '../harness.ts'

let scenario: Scenario

beforeAll(async () => {
  scenario = await startScenario({ seed: 15, employees: 3 })
})

afterAll(() => scenario.close())

describe('connect session expiry', () => {
  it('defaults to 30 minutes', async () => {
    const { body } = await createSession(scenario.client, scenario.hub.apiKey)
    expect(body.expires_in).toBe(1800)
    expect(Date.parse(String(body.expires_at)) - Date.parse(String(body.created_at))).toBe(
      1_800_000,
    )
  })

  it('answers 401 on every /hub/* route once the session has expired', async () => {
    const { token } = await createSession(scenario.client, scenario.hub.apiKey, { expires_in: 60 })
    expect(
      (await scenario.client.request('GET', '/hub/settings', { sessionToken: token })).status,
    ).toBe(200)

    scenario.hub.clock.advance(61)
    const responses = await Promise.all([
      scenario.client.request('GET', '/hub/settings', { sessionToken: token }),
      scenario.client.request('GET', '/hub/connectors', { sessionToken: token }),
      scenario.client.request('GET', '/hub/connectors/payfit', { sessionToken: token }),
      linkAccount(scenario.client, token, scenario.keys.guide),
    ])
    for (const response of responses) {
      expect(response.status).toBe(401)
      expect(response.body).toMatchObject({
        statusCode: 401,
        reason: 'session_expired',
        message: 'This connect session has expired',
      })
      expect(typeof (response.body as { provider_response: unknown }).provider_response).toBe(
        'string',
      )
    }
  })

  it('answers 401 to POST /connect_sessions/authenticate for an expired token', async () => {
    const { token } = await createSession(scenario.client, scenario.hub.apiKey, { expires_in: 5 })
    scenario.hub.clock.advance(6)
    const response = await scenario.client.request('POST', '/connect_sessions/authenticate', {
      apiKey: scenario.hub.apiKey,
      body: { token },
    })
    expect(response.status).toBe(401)
  })

  it('answers 401 to a token that was never issued and to a missing token', async () => {
    const unknown = await scenario.client.request('GET', '/hub/settings', {
      sessionToken: 'cst_nope',
    })
    const missing = await scenario.client.request('GET', '/hub/settings')
    expect(unknown.status).toBe(401)
    expect(missing.status).toBe(401)
    expect(missing.body).toMatchObject({ reason: 'session_expired' })
  })
})
