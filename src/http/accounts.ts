import type { FastifyInstance } from 'fastify'
import { z } from 'zod'

import type { Credentials } from '../accounts/accounts.ts'
import { projectOf } from './request-context.ts'
import type { HubServices } from './services.ts'
import { parseRequest, queryListSchema, withoutArrayBrackets } from './validation.ts'

const listQuerySchema = z.object({
  provider: z.string().optional(),
  providers: queryListSchema,
  origin_owner_id: z.string().optional(),
  origin_owner_ids: queryListSchema,
  status: queryListSchema,
  account_ids: queryListSchema,
  page: z.coerce.number().int('must be a whole number').min(1, 'starts at 1').default(1),
  page_size: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .default(25),
})

/**
 * StackOne's SDK strips the contents of object fields (`credentials`, `label`…) and sends `{}`:
 * an empty object therefore means "no change", never "erase".
 */
const patchBodySchema = z.object({
  provider: z.string().nullish(),
  authentication_config_key: z.string().nullish(),
  environment: z.string().nullish(),
  origin_owner_id: z.string().min(1, 'must not be empty').nullish(),
  origin_owner_name: z.string().min(1, 'must not be empty').nullish(),
  origin_username: z.string().nullish(),
  type: z.string().nullish(),
  label: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
  credentials: z.record(z.string(), z.string('must be a string')).nullish(),
  secrets: z.record(z.string(), z.unknown()).nullish(),
  setup_information: z.record(z.string(), z.unknown()).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
})

const idParamsSchema = z.object({ id: z.string() })

export function registerAccountRoutes(app: FastifyInstance, services: HubServices): void {
  const { accounts } = services

  app.get('/accounts', async (request) => {
    const project = projectOf(request)
    const query = parseRequest(listQuerySchema, withoutArrayBrackets(request.query), 'query')
    return accounts.list(
      project.id,
      {
        providers: union(query.provider, query.providers),
        originOwnerIds: union(query.origin_owner_id, query.origin_owner_ids),
        statuses: query.status,
        accountIds: query.account_ids,
      },
      { page: query.page, pageSize: query.page_size },
    )
  })

  app.get('/accounts/:id', async (request) => {
    const { id } = accountIdOf(request)
    return accounts.get(projectOf(request).id, id)
  })

  app.patch('/accounts/:id', async (request) => {
    const { id } = accountIdOf(request)
    const body = parseRequest(patchBodySchema, request.body, 'body')
    return accounts.update(projectOf(request).id, id, {
      originOwnerId: body.origin_owner_id ?? undefined,
      originOwnerName: body.origin_owner_name ?? undefined,
      originUsername: body.origin_username,
      type: body.type ?? undefined,
      label: typeof body.label === 'string' ? body.label : undefined,
      credentials: nonEmpty(body.credentials),
    })
  })

  app.delete('/accounts/:id', async (request) => {
    const { id } = accountIdOf(request)
    return accounts.delete(projectOf(request).id, id)
  })

  app.get('/accounts/:id/meta', async (request) => {
    const { id } = accountIdOf(request)
    const account = await accounts.get(projectOf(request).id, id)
    const category = services.connectors.get(account.provider)?.descriptor.category ?? 'hris'
    return { provider: account.provider, category, models: {} }
  })

  function accountIdOf(request: { params: unknown; accountId: string | null }) {
    const params = idParamsSchema.parse(request.params)
    request.accountId = params.id
    return params
  }
}

function union(single: string | undefined, list: string[] | undefined): string[] | undefined {
  if (single === undefined) return list
  return [single, ...(list ?? [])]
}

function nonEmpty(credentials: Credentials | null | undefined): Credentials | undefined {
  if (credentials === null || credentials === undefined) return undefined
  return Object.keys(credentials).length === 0 ? undefined : credentials
}
