import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSandbox } from '../../src/sandbox/index.ts'
import {
  createClient,
  createSession,
  linkAccount,
  startTestHub,
  type Client,
  type TestHub,
} from '../harness.ts'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>

let sandbox: Sandbox
let hub: TestHub
let client: Client

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 15, employees: 3 })
  hub = await startTestHub({ payfitUrl: sandbox.url })
  client = createClient(hub.url)
})

afterAll(async () => {
  await hub.close()
  await sandbox.close()
})

describe('connect session expiry', () => {
  it('defaults to 30 minutes', async () => {
    const { body } = await createSession(client, hub.apiKey)
    expect(body.expires_in).toBe(1800)
    expect(Date.parse(String(body.expires_at)) - Date.parse(String(body.created_at))).toBe(
      1_800_000,
    )
  })

  it('answers 401 on every /hub/* route once the session has expired', async () => {
    const { token } = await createSession(client, hub.apiKey, { expires_in: 60 })
    expect((await client.request('GET', '/hub/settings', { sessionToken: token })).status).toBe(200)

    hub.clock.advance(61)
    const responses = await Promise.all([
      client.request('GET', '/hub/settings', { sessionToken: token }),
      client.request('GET', '/hub/connectors', { sessionToken: token }),
      client.request('GET', '/hub/connectors/payfit', { sessionToken: token }),
      linkAccount(client, token, sandbox.companies[0]?.keys.guide ?? ''),
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
    const { token } = await createSession(client, hub.apiKey, { expires_in: 5 })
    hub.clock.advance(6)
    const response = await client.request('POST', '/connect_sessions/authenticate', {
      apiKey: hub.apiKey,
      body: { token },
    })
    expect(response.status).toBe(401)
  })

  it('answers 401 to a token that was never issued and to a missing token', async () => {
    const unknown = await client.request('GET', '/hub/settings', { sessionToken: 'cst_nope' })
    const missing = await client.request('GET', '/hub/settings')
    expect(unknown.status).toBe(401)
    expect(missing.status).toBe(401)
    expect(missing.body).toMatchObject({ reason: 'session_expired' })
  })
})
