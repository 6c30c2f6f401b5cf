import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startStackOneHubBackend, type StackOneHubBackend } from './stackone-hub-backend.ts'

// What a browser asks before each `<stackone-hub>` call from another origin (contract §5.2), and
// whether it may read the answers, errors included: an unreadable error reaches the component
// as "Failed to fetch" instead of our message.

const origin = 'http://127.0.0.1:8123'
const hubHeaders = 'content-type,x-hub-session-token,x-hub-version'

let backend: StackOneHubBackend
let token: string
let accountId: string

beforeAll(async () => {
  backend = await startStackOneHubBackend()
  const session = await backend.createSession()
  const linked = await hubCall('POST', '/hub/accounts', session.token, {
    integration_id: 'payfit',
    credentials: { api_key: backend.keys.guide },
  })
  accountId = ((await linked.json()) as { id: string }).id
  token = (await backend.createSession({ accountId, ownerId: session.ownerId })).token
})

afterAll(async () => {
  await backend.close()
})

function hubCall(method: string, path: string, sessionToken: string, body?: unknown) {
  return fetch(`${backend.url}${path}`, {
    method,
    headers: {
      origin,
      'content-type': 'application/json',
      'x-hub-session-token': sessionToken,
      'x-hub-version': '1.11.4',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

const componentCalls = [
  ['GET', '/hub/settings'],
  ['GET', '/hub/connectors'],
  ['GET', '/hub/connectors?provider=payfit'],
  ['GET', '/hub/connectors/payfit'],
  ['POST', '/hub/accounts'],
  ['GET', '/hub/accounts/{id}'],
  ['PATCH', '/hub/accounts/{id}'],
  ['POST', '/hub/connection_attempts'],
  ['DELETE', '/hub/connection_attempts/att_1'],
] as const

describe('CORS preflights on /hub/*', () => {
  it.each(componentCalls)(
    'allows %s %s from any origin with the hub headers',
    async (method, path) => {
      const response = await fetch(`${backend.url}${path.replace('{id}', accountId)}`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': method,
          'access-control-request-headers': hubHeaders,
        },
      })

      expect(response.status).toBe(204)
      expect(response.headers.get('access-control-allow-origin')).toBe('*')
      expect(response.headers.get('access-control-allow-methods')?.split(/,\s*/)).toContain(method)
      const allowed = response.headers.get('access-control-allow-headers')?.split(/,\s*/) ?? []
      expect(allowed).toEqual(expect.arrayContaining(hubHeaders.split(',')))
    },
  )
})

describe('readable answers on /hub/*', () => {
  it('lets another origin read the edit-mode account and a PATCH of it', async () => {
    const read = await hubCall('GET', `/hub/accounts/${accountId}`, token)
    expect(read.status).toBe(200)
    expect(read.headers.get('access-control-allow-origin')).toBe('*')
    await expect(read.json()).resolves.toMatchObject({
      provider: 'payfit',
      integrationId: 'payfit',
      secrets: { api_key: `__secretvalue:**redacted**${backend.keys.guide.slice(-2)}` },
    })

    const patched = await hubCall('PATCH', `/hub/accounts/${accountId}`, token, {
      integration_id: 'payfit',
      credentials: {},
    })
    expect(patched.status).toBe(200)
    expect(patched.headers.get('access-control-allow-origin')).toBe('*')
    await expect(patched.json()).resolves.toEqual({ id: accountId, provider: 'payfit' })
  })

  it.each([
    ['an expired or unknown session', 'GET', '/hub/settings', 'cst_unknown', 401],
    ['a path the hub does not serve', 'POST', '/hub/connection_attempts', 'session', 404],
    ['an integration the session does not offer', 'GET', '/hub/connectors/workday', 'session', 404],
  ])(
    'answers %s with a readable error body the component can parse',
    async (_, method, path, sessionToken, status) => {
      const response = await hubCall(
        method,
        path,
        sessionToken === 'session' ? token : sessionToken,
        method === 'GET' ? undefined : {},
      )

      expect(response.status).toBe(status)
      expect(response.headers.get('access-control-allow-origin')).toBe('*')
      const body = (await response.json()) as Record<string, unknown>
      expect(body.statusCode).toBe(status)
      expect(typeof body.message).toBe('string')
      expect(typeof body.provider_response).toBe('string')
    },
  )
})
