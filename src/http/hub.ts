import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'

import type { ConnectSession } from '../accounts/connect-sessions.ts'
import type { Connector } from '../connectors/types.ts'
import { NotFoundError } from '../errors.ts'
import {
  authenticationConfigKey,
  connectorConfigOf,
  environment,
  integrationOf,
  linkedAccountOf,
  missingOptionalScopes,
} from './hub-connectors.ts'
import type { HubServices } from './services.ts'
import { parseRequest } from './validation.ts'

const credentialsSchema = z.record(z.string(), z.string('must be a string'))

const linkBodySchema = z.object({
  integration_id: z.string().min(1, 'is required'),
  credentials: credentialsSchema,
})

const relinkBodySchema = z.object({
  integration_id: z.string().optional(),
  credentials: credentialsSchema.default({}),
})

const connectorsQuerySchema = z.object({ provider: z.string().optional() })

/** Shown instead of a secret in edit mode; the hub component masks it and offers "Edit". */
const redactedPrefix = '__secretvalue:**redacted**'
/** How much of a stored key the edit form reveals: enough to recognise it, too little to matter. */
const revealedSuffixLength = 2

/** `/hub/*` (registered under that prefix): what both Link UIs call, authenticated by `x-hub-session-token` (contract §5). */
export function registerHubRoutes(app: FastifyInstance, services: HubServices): void {
  const offers = connectorOffers(services)

  app.get('/settings', (request) => hubSettings(sessionOf(request), services))

  app.get('/connectors', (request) => {
    const { provider } = parseRequest(connectorsQuerySchema, request.query, 'query')
    const publicUrl = services.publicUrl()
    return {
      integrations: offers
        .offered(sessionOf(request), provider)
        .map((connector) => integrationOf(connector, publicUrl)),
    }
  })

  app.get('/connectors/:integrationId', (request) => {
    const { integrationId } = z.object({ integrationId: z.string() }).parse(request.params)
    const connector = offers.offeredOne(sessionOf(request), integrationId)
    return connectorConfigOf(connector, services.publicUrl())
  })

  app.post('/accounts', async (request, reply) => {
    const session = sessionOf(request)
    const body = parseRequest(linkBodySchema, request.body, 'body')
    const connector = offers.offeredOne(session, body.integration_id)
    const { account } = await services.accounts.link(
      session,
      connector.descriptor.provider,
      body.credentials,
    )
    request.accountId = account.id
    // `<stackone-hub>` reads only `id`; the rest is for our Link page's confirmation.
    return reply.code(201).send({
      id: account.id,
      provider: account.provider,
      company_name: account.setup_information.company_name,
      optional_scopes_missing: missingOptionalScopes(
        connector,
        account.setup_information.granted_scopes,
      ),
    })
  })

  app.get('/accounts/:id', (request) => editedAccount(request, services))
  app.patch('/accounts/:id', (request) => replaceEditedAccountKey(request, services))
}

/** The connectors a session offers: all, or those of its provider and categories. */
function connectorOffers({ connectors }: HubServices) {
  function offered(session: ConnectSession, provider?: string): Connector[] {
    return connectors.list().filter((connector) => {
      const { descriptor } = connector
      if (session.provider !== null && descriptor.provider !== session.provider) return false
      if (provider !== undefined && descriptor.provider !== provider) return false
      return session.categories === null || session.categories.includes(descriptor.category)
    })
  }

  function offeredOne(session: ConnectSession, integrationId: string): Connector {
    const connector = offered(session).find(
      (candidate) => candidate.descriptor.provider === integrationId,
    )
    if (connector === undefined) throw new NotFoundError(`No integration named "${integrationId}"`)
    return connector
  }

  return { offered, offeredOne }
}

async function hubSettings(session: ConnectSession, services: HubServices) {
  const linked = await services.accounts.linkedThrough(session)
  return {
    enabled_features: [],
    ...(session.accountId === null ? {} : { existing_account_id: session.accountId }),
    session: {
      origin_owner_name: session.originOwnerName,
      provider: session.provider,
      return_url: session.returnUrl,
      expires_at: session.expiresAt,
      // Our extension, present once this link has connected an account (so a reused link can
      // say so before its key is replaced); the hub component ignores it.
      ...(linked === null ? {} : { linked_account: linkedAccountOf(linked) }),
    },
  }
}

/** Edit mode: the account the session edits, its secrets masked but for their last characters. */
async function editedAccount(request: FastifyRequest, services: HubServices) {
  const session = sessionOf(request)
  const id = editedAccountId(request)
  const account = await services.accounts.get(session.projectId, id)
  const credentials = await services.accounts.openCredentials(session.projectId, id)
  const fields = services.connectors.get(account.provider)?.descriptor.credentialFields ?? []
  return {
    id: account.id,
    provider: account.provider,
    integrationId: account.provider,
    authConfigKey: authenticationConfigKey,
    environment,
    setupInformation: {},
    secrets: Object.fromEntries(
      fields
        .filter((field) => field.secret && credentials[field.key] !== undefined)
        .map((field) => [
          field.key,
          redactedPrefix + (credentials[field.key] ?? '').slice(-revealedSuffixLength),
        ]),
    ),
  }
}

/** Edit mode: a new key for the edited account; masked values sent back mean "unchanged". */
async function replaceEditedAccountKey(request: FastifyRequest, services: HubServices) {
  const session = sessionOf(request)
  const id = editedAccountId(request)
  const body = parseRequest(relinkBodySchema, request.body, 'body')
  const credentials = Object.fromEntries(
    Object.entries(body.credentials).filter(([, value]) => !value.startsWith(redactedPrefix)),
  )
  const account =
    Object.keys(credentials).length === 0
      ? await services.accounts.get(session.projectId, id)
      : await services.accounts.update(session.projectId, id, { credentials })
  return { id: account.id, provider: account.provider }
}

/** The `:id` of an edit-mode route, which must be the account the session edits (else 404). */
function editedAccountId(request: FastifyRequest): string {
  const { id } = z.object({ id: z.string() }).parse(request.params)
  request.accountId = id
  if (sessionOf(request).accountId !== id) throw new NotFoundError('Account not found')
  return id
}

function sessionOf(request: FastifyRequest): ConnectSession {
  if (request.hubSession === null) throw new Error('A hub route ran without a connect session')
  return request.hubSession
}
