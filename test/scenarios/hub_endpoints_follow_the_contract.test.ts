import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createClient, createSession, startTestHub, type Client, type TestHub } from '../harness.ts'

let hub: TestHub
let client: Client

beforeAll(async () => {
  hub = await startTestHub({ publicUrl: 'https://hub.example.test' })
  client = createClient(hub.url)
})

afterAll(async () => {
  await hub.close()
})

const isoWithZ = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

describe('POST /connect_sessions', () => {
  it('answers 201 with numeric ids, the token and a Link URL on the public URL', async () => {
    const { body, token } = await createSession(client, hub.apiKey, {
      provider: 'payfit',
      return_url: 'https://app.example.test/done',
      categories: ['hris'],
    })
    expect(body).toMatchObject({
      id: expect.any(Number) as number,
      organization_id: hub.project.organizationId,
      project_id: hub.project.id,
      origin_owner_id: 'customer-1',
      origin_owner_name: 'Customer One',
      provider: 'payfit',
      categories: ['hris'],
      return_url: 'https://app.example.test/done',
      auth_link_url: `https://hub.example.test/link?token=${token}`,
    })
    expect(String(body.created_at)).toMatch(isoWithZ)
    expect(token.length).toBeGreaterThanOrEqual(26)
  })

  it.each([
    ['origin_owner_id', { origin_owner_id: undefined }],
    ['return_url', { return_url: 'javascript:alert(1)' }],
    ['expires_in', { expires_in: -5 }],
    ['categories', { categories: ['scheduling'] }],
    ['provider', { provider: 'nobody' }],
  ])('refuses a bad %s with a 400 naming it', async (field, override) => {
    const response = await client.request('POST', '/connect_sessions', {
      apiKey: hub.apiKey,
      body: { origin_owner_id: 'o', origin_owner_name: 'O', ...override },
    })
    expect(response.status).toBe(400)
    expect((response.body as { message: string }).message).toContain(field)
  })

  it('names every missing field at once, and a body that is not an object', async () => {
    const empty = await client.request('POST', '/connect_sessions', {
      apiKey: hub.apiKey,
      body: {},
    })
    expect(empty.status).toBe(400)
    expect((empty.body as { message: string }).message).toBe(
      'Invalid body: origin_owner_id: is required; origin_owner_name: is required',
    )
    const list = await client.request('POST', '/connect_sessions', {
      apiKey: hub.apiKey,
      body: ['origin_owner_id'],
    })
    expect(list.status).toBe(400)
    expect((list.body as { message: string }).message).toBe(
      'Invalid body: the body must be a JSON object, sent as application/json',
    )
  })

  it('names the first ten wrong items of a long list, and counts the rest', async () => {
    const response = await client.request('POST', '/connect_sessions', {
      apiKey: hub.apiKey,
      body: { origin_owner_id: 'o', origin_owner_name: 'O', categories: Array(5_000).fill(1) },
    })
    expect(response.status).toBe(400)
    const message = (response.body as { message: string }).message
    expect(message).toMatch(/categories\.9: [^;]+; and 4990 more$/)
    expect(message.length).toBeLessThan(2_000)
  })

  it('authenticates its token back into the session, without the token', async () => {
    const { token, body } = await createSession(client, hub.apiKey)
    const response = await client.request('POST', '/connect_sessions/authenticate', {
      apiKey: hub.apiKey,
      body: { token },
    })
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({ id: body.id, origin_owner_id: 'customer-1' })
    expect(response.text).not.toContain(token)
  })
})

describe('/hub/* for the Link UIs', () => {
  it('describes the session in settings', async () => {
    const { token, body } = await createSession(client, hub.apiKey, {
      provider: 'payfit',
      return_url: 'https://app.example.test/done',
    })
    const response = await client.request('GET', '/hub/settings', { sessionToken: token })
    expect(response.body).toEqual({
      enabled_features: [],
      session: {
        origin_owner_name: 'Customer One',
        provider: 'payfit',
        return_url: 'https://app.example.test/done',
        expires_at: body.expires_at,
      },
    })
  })

  it('lists PayFit as the one active integration', async () => {
    const { token } = await createSession(client, hub.apiKey)
    const response = await client.request('GET', '/hub/connectors', { sessionToken: token })
    expect(response.body).toEqual({
      integrations: [
        {
          integration_id: 'payfit',
          provider: 'payfit',
          name: 'PayFit',
          type: 'hris',
          version: '1',
          active: true,
          logo_url: 'https://hub.example.test/logos/payfit.svg',
          authentication_config_key: 'api_key',
          environment: 'production',
        },
      ],
    })
  })

  it('lists nothing for a session restricted to categories PayFit is not in', async () => {
    const { token } = await createSession(client, hub.apiKey, { categories: ['ats'] })
    const response = await client.request('GET', '/hub/connectors', { sessionToken: token })
    expect(response.body).toEqual({ integrations: [] })
  })

  it('describes the API key form, the scope notice and our guide', async () => {
    const { token } = await createSession(client, hub.apiKey)
    const response = await client.request('GET', '/hub/connectors/payfit', { sessionToken: token })
    const { config } = response.body as {
      config: {
        key: string
        type: string
        configFields: {
          key: string
          type: string
          required: boolean
          guide: { description: string }
        }[]
        configNotices: { type: string; description: string }[]
        support: { link: string }
        guide: { steps: string[]; required_scopes: { scope: string; purpose: string }[] }
      }
    }
    expect(config).toMatchObject({ key: 'payfit', name: 'PayFit', type: 'custom' })
    expect(config.configFields).toHaveLength(1)
    expect(config.configFields[0]).toMatchObject({
      key: 'api_key',
      type: 'password',
      required: true,
    })
    expect(config.configNotices[0]?.type).toBe('info')
    expect(config.guide.required_scopes).toHaveLength(9)
    for (const scope of config.guide.required_scopes) {
      expect(config.configNotices[0]?.description).toContain(scope.scope)
    }
    expect(config.guide.steps.length).toBeGreaterThan(0)
  })

  it('answers CORS preflights for the hub headers from any origin', async () => {
    const response = await fetch(`${hub.url}/hub/accounts`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-hub-session-token,x-hub-version',
      },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-allow-methods')).toContain('PATCH')
    expect(response.headers.get('access-control-allow-headers')).toContain('x-hub-session-token')
  })

  it('does not add CORS headers to the API-key routes', async () => {
    const response = await fetch(`${hub.url}/accounts`, {
      headers: { origin: 'https://evil.test' },
    })
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('other routes', () => {
  it('serves the PayFit logo as SVG with CORS', async () => {
    const response = await fetch(`${hub.url}/logos/payfit.svg`, {
      headers: { origin: 'https://app.example.test' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('image/svg+xml')
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(await response.text()).toContain('<svg')
  })

  it('answers health checks', async () => {
    const response = await client.request('GET', '/health')
    expect(response.body).toEqual({ status: 'ok' })
  })

  it('serves the Link page', async () => {
    const response = await fetch(`${hub.url}/link?token=whatever`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/html')
  })
})

describe('error bodies', () => {
  const errorShape = {
    statusCode: expect.any(Number) as number,
    message: expect.any(String) as string,
    timestamp: expect.stringMatching(isoWithZ) as string,
  }

  it('renders unknown routes, bad JSON and oversized bodies in the same JSON shape', async () => {
    const unknown = await client.request('GET', '/nowhere?token=secret-looking')
    const badJson = await fetch(`${hub.url}/connect_sessions`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${hub.apiKey}:`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: '{"origin_owner_id":',
    })
    const tooLarge = await client.request('POST', '/connect_sessions', {
      apiKey: hub.apiKey,
      body: { origin_owner_id: 'x'.repeat(70_000), origin_owner_name: 'X' },
    })

    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject(errorShape)
    expect(unknown.text).not.toContain('secret-looking')
    expect(badJson.status).toBe(400)
    expect(await badJson.json()).toMatchObject({
      ...errorShape,
      message: 'The request body is not valid JSON',
    })
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.body).toMatchObject(errorShape)
  })

  it('adds provider_response as a string on /hub/* errors only', async () => {
    const hubError = await client.request('GET', '/hub/connectors/nobody', {
      sessionToken: (await createSession(client, hub.apiKey)).token,
    })
    const apiError = await client.request('GET', '/accounts/acc_missing', { apiKey: hub.apiKey })

    expect(hubError.status).toBe(404)
    expect(typeof (hubError.body as { provider_response: unknown }).provider_response).toBe(
      'string',
    )
    expect(apiError.body).toMatchObject(errorShape)
    expect(apiError.body).not.toHaveProperty('provider_response')
  })

  it('answers a path no /hub route matches with a hub 404 that a page on another origin can read', async () => {
    const response = await client.request('GET', '/hub/nowhere?x=1', {
      sessionToken: (await createSession(client, hub.apiKey)).token,
      headers: { origin: 'https://app.example.test' },
    })

    expect(response.status).toBe(404)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.body).toMatchObject({
      ...errorShape,
      message: 'No route matches GET /hub/nowhere',
    })
    expect(typeof (response.body as { provider_response: unknown }).provider_response).toBe(
      'string',
    )
  })

  it('reads an empty JSON body on DELETE as no body', async () => {
    const response = await client.request('DELETE', '/accounts/acc_missing', {
      apiKey: hub.apiKey,
      headers: { 'content-type': 'application/json' },
    })
    expect(response.status).toBe(404)
  })
})

describe('route plugins', () => {
  it('runs extra API routes behind the API key and hides their unexpected errors behind a fixed 500', async () => {
    const withPlugin = await startTestHub({
      apiRoutes: [
        (app) => {
          app.get('/unified/hris/boom', () => {
            throw new Error('database password is hunter2')
          })
        },
      ],
    })
    try {
      const pluginClient = createClient(withPlugin.url)
      const anonymous = await pluginClient.request('GET', '/unified/hris/boom')
      const failed = await pluginClient.request('GET', '/unified/hris/boom', {
        apiKey: withPlugin.apiKey,
      })

      expect(anonymous.status).toBe(401)
      expect(failed.status).toBe(500)
      expect(failed.body).toMatchObject({
        statusCode: 500,
        message: 'Something went wrong on our side; the error has been logged',
      })
      expect(failed.text).not.toContain('hunter2')
      const logged = withPlugin.logs
        .lines()
        .map(
          (line) => JSON.parse(line) as { msg: string; reqId?: string; err?: { message: string } },
        )
        .find((line) => line.msg === 'unhandled error')
      expect(logged?.err?.message).toContain('hunter2')
      expect(logged?.reqId).toEqual(expect.any(String))
    } finally {
      await withPlugin.close()
    }
  })
})
