import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify'
import { registerLinkRoutes } from '../../src/link/routes.ts'
import type { LinkBackend, LinkedAccountSummary } from './backend.ts'

// A stand-in for the hub's /hub/* endpoints, answering the shapes of the contract (§5), so the
// page can be driven before the real hub exists and in states the real one rarely reaches.

const requiredScopes = [
  { scope: 'collaborators:read', purpose: 'List your employees and their work details.' },
  { scope: 'contracts:read', purpose: 'Read job titles, start and end dates.' },
  { scope: 'collaborators:personal:read', purpose: 'Read birth dates and home addresses.' },
]

const optionalScopes = [{ scope: 'time:read', purpose: 'Read time off.' }]

const keys = { guide: 'pk_guide_ok', read_only: 'pk_read_only', revoked: 'pk_revoked' }
const companyName = 'Fake Company SAS'

/** Keys only the fake knows: PayFit down, and a session that ends while the page is open. */
export const fakeOnlyKeys = { payfitDown: 'pk_payfit_down', sessionEnds: 'pk_session_ends' }

interface FakeSession {
  ownerId: string
  linkedAccountId: string | null
  returnUrl: string | null
  isExpired: boolean
}

interface SessionOptions {
  returnUrl?: string
  isExpired?: boolean
}

export interface FakeHubOptions {
  /** Replaces the guide's steps, to check how hostile guide text is rendered. */
  steps?: string[]
}

function connectorConfig(options: FakeHubOptions): Record<string, unknown> {
  return {
    key: 'payfit',
    name: 'PayFit',
    type: 'custom',
    assets: { icon: '/logos/payfit.svg' },
    configFields: [
      {
        key: 'api_key',
        label: 'API Key',
        type: 'password',
        required: true,
        secret: true,
        placeholder: 'Paste the key PayFit showed you',
        guide: { description: 'Only a PayFit **admin** can create keys.', tooltip: 'Admins only' },
      },
    ],
    configNotices: [],
    support: { link: 'https://example.com/payfit-guide', description: 'PayFit key guide' },
    guide: {
      summary: 'Give this app read access to your PayFit company with an API key.',
      steps: options.steps ?? [
        'Sign in to PayFit with an account that has **admin** rights.',
        'Open [Integrations → API](https://example.com/payfit/api) and choose **Create a key**.',
        'Name the key, then tick every scope listed below, for example `contracts:read`.',
        'Copy the key straight away: PayFit shows it only once.',
      ],
      required_scopes: requiredScopes,
      optional_scopes: optionalScopes,
    },
  }
}

function failure(reply: FastifyReply, statusCode: number, reason: string, extra = {}) {
  return reply.code(statusCode).send({
    statusCode,
    message: reason,
    provider_response: reason,
    timestamp: new Date().toISOString(),
    reason,
    ...extra,
  })
}

export async function startFakeHub(options: FakeHubOptions = {}): Promise<LinkBackend> {
  const sessions = new Map<string, FakeSession>()
  const accounts: (LinkedAccountSummary & { ownerId: string })[] = []
  const app = Fastify()
  registerLinkRoutes(app)

  function sessionOf(request: FastifyRequest): FakeSession | null {
    const token = request.headers['x-hub-session-token']
    const session = typeof token === 'string' ? sessions.get(token) : undefined
    return session === undefined || session.isExpired ? null : session
  }

  app.addHook('preHandler', async (request, reply) => {
    if (request.url.startsWith('/hub/') && sessionOf(request) === null) {
      await failure(reply, 401, 'session_expired')
    }
  })

  app.get('/logos/payfit.svg', (_request, reply) =>
    reply
      .type('image/svg+xml')
      .send(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" rx="8" fill="#0f6fde"/><text x="20" y="27" font-size="20" text-anchor="middle" fill="#fff" font-family="sans-serif">P</text></svg>',
      ),
  )

  app.get('/hub/settings', (request) => {
    const session = sessionOf(request)
    return {
      enabled_features: [],
      session: {
        origin_owner_name: 'Acme Ltd',
        provider: 'payfit',
        return_url: session?.returnUrl ?? null,
        expires_at: new Date(Date.now() + 600_000).toISOString(),
        ...(session?.linkedAccountId == null
          ? {}
          : { linked_account: { id: session.linkedAccountId, company_name: companyName } }),
      },
    }
  })

  app.get('/hub/connectors', () => ({
    integrations: [
      {
        integration_id: 'payfit',
        provider: 'payfit',
        name: 'PayFit',
        type: 'hris',
        active: true,
        logo_url: '/logos/payfit.svg',
      },
    ],
  }))

  app.get('/hub/connectors/payfit', () => ({ config: connectorConfig(options) }))

  app.post<{ Body: { credentials?: { api_key?: string } } }>('/hub/accounts', (request, reply) => {
    const session = sessionOf(request)
    const ownerId = session?.ownerId ?? ''
    const apiKey = request.body.credentials?.api_key
    if (apiKey === fakeOnlyKeys.payfitDown) return failure(reply, 503, 'provider_unavailable')
    if (apiKey === fakeOnlyKeys.sessionEnds) return failure(reply, 401, 'session_expired')
    if (apiKey === keys.read_only) {
      return failure(reply, 400, 'missing_scopes', { missing_scopes: requiredScopes.slice(1) })
    }
    if (apiKey !== keys.guide) return failure(reply, 400, 'invalid_credentials')

    const account = { id: randomUUID(), provider: 'payfit', status: 'active', ownerId }
    accounts.push(account)
    if (session !== null) session.linkedAccountId = account.id
    return reply.code(201).send({
      id: account.id,
      provider: account.provider,
      company_name: companyName,
      optional_scopes_missing: optionalScopes,
    })
  })

  const url = await app.listen({ host: '127.0.0.1', port: 0 })

  function createSession({ returnUrl, isExpired = false }: SessionOptions = {}) {
    const token = randomUUID()
    const ownerId = randomUUID()
    sessions.set(token, { ownerId, linkedAccountId: null, returnUrl: returnUrl ?? null, isExpired })
    return Promise.resolve({ token, linkUrl: `${url}/link?token=${token}`, ownerId })
  }

  return {
    url,
    keys,
    companyName,
    createSession,
    createExpiredSession: () => createSession({ isExpired: true }),
    listAccounts: (ownerId) =>
      Promise.resolve(
        accounts
          .filter((account) => account.ownerId === ownerId)
          .map(({ id, provider, status }) => ({ id, provider, status })),
      ),
    close: () => app.close(),
  }
}
