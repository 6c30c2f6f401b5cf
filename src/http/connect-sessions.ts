import type { FastifyInstance } from 'fastify'
import { z } from 'zod'

import type { ConnectSession } from '../accounts/connect-sessions.ts'
import { defaultSessionSeconds } from '../accounts/connect-sessions.ts'
import type { Project } from '../accounts/projects.ts'
import { InvalidRequestError, NotFoundError } from '../errors.ts'
import { projectOf } from './request-context.ts'
import type { HubServices } from './services.ts'
import { httpUrlSchema, parseRequest } from './validation.ts'

/** The only values StackOne's SDK 4.28.0 accepts back (a closed enum on its side). */
const categories = [
  'ats',
  'hris',
  'hris-legacy',
  'crm',
  'iam',
  'marketing',
  'lms',
  'stackone',
  'documents',
  'ticketing',
  'screening',
  'messaging',
  'accounting',
] as const

const maxSessionSeconds = 7 * 24 * 3600

const createBodySchema = z.object({
  origin_owner_id: z.string().min(1, 'is required'),
  origin_owner_name: z.string().min(1, 'is required'),
  origin_username: z.string().nullish(),
  provider: z.string().min(1).nullish(),
  provider_version: z.string().nullish(),
  categories: z.array(z.enum(categories)).nullish(),
  account_id: z.string().min(1).nullish(),
  expires_in: z
    .number()
    .int('must be a whole number of seconds')
    .min(1, 'must be at least 1 second')
    .max(maxSessionSeconds, `must be at most ${maxSessionSeconds} seconds`)
    .nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  multiple: z.boolean().nullish(),
  label: z.string().nullish(),
  type: z.string().nullish(),
  return_url: httpUrlSchema.nullish(),
})

const authenticateBodySchema = z.object({ token: z.string().min(1, 'is required') })

export function registerConnectSessionRoutes(app: FastifyInstance, services: HubServices): void {
  app.post('/connect_sessions', async (request, reply) => {
    const project = projectOf(request)
    const body = parseRequest(createBodySchema, request.body, 'body')
    await checkTargets(services, project, body.provider ?? null, body.account_id ?? null)

    const { session, token } = await services.connectSessions.create(project.id, {
      originOwnerId: body.origin_owner_id,
      originOwnerName: body.origin_owner_name,
      originUsername: body.origin_username ?? null,
      provider: body.provider ?? null,
      providerVersion: body.provider_version ?? null,
      categories: body.categories ?? null,
      accountId: body.account_id ?? null,
      label: body.label ?? null,
      metadata: body.metadata ?? null,
      multiple: body.multiple ?? false,
      type: body.type ?? null,
      returnUrl: body.return_url ?? null,
      expiresInSeconds: body.expires_in ?? defaultSessionSeconds,
    })
    return reply.code(201).send({
      ...connectSessionToWire(session, project),
      token,
      auth_link_url: `${services.publicUrl()}/link?token=${encodeURIComponent(token)}`,
    })
  })

  app.post('/connect_sessions/authenticate', async (request, reply) => {
    const project = projectOf(request)
    const { token } = parseRequest(authenticateBodySchema, request.body, 'body')
    const session = await services.connectSessions.open(token)
    if (session.projectId !== project.id) throw new NotFoundError('Connect session not found')
    return reply.code(201).send(connectSessionToWire(session, project))
  })
}

async function checkTargets(
  services: HubServices,
  project: Project,
  provider: string | null,
  accountId: string | null,
) {
  if (provider !== null && services.connectors.get(provider) === undefined) {
    throw new InvalidRequestError(`Invalid body: provider: no connector named "${provider}"`)
  }
  if (accountId === null) return
  const account = await services.accounts.get(project.id, accountId)
  if (provider !== null && account.provider !== provider) {
    throw new InvalidRequestError(
      `Invalid body: provider: account ${accountId} is a ${account.provider} account`,
    )
  }
}

function connectSessionToWire(session: ConnectSession, project: Project) {
  return {
    id: session.id,
    organization_id: project.organizationId,
    project_id: project.id,
    origin_owner_id: session.originOwnerId,
    origin_owner_name: session.originOwnerName,
    origin_username: session.originUsername,
    provider: session.provider,
    provider_version: session.providerVersion,
    categories: session.categories,
    account_id: session.accountId,
    label: session.label,
    metadata: session.metadata,
    multiple: session.multiple,
    type: session.type,
    created_at: session.createdAt,
    expires_at: session.expiresAt,
    expires_in: Math.round((Date.parse(session.expiresAt) - Date.parse(session.createdAt)) / 1000),
    return_url: session.returnUrl,
  }
}
