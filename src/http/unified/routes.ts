import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

import { decodeCursor, encodeCursor, type CursorBinding } from '../../unified/cursor.ts'
import type { Paginated, Result } from '../../unified/envelopes.ts'
import type { HrisFile, HrisPage, HrisSession, ListRequest } from '../../unified/operations.ts'
import { parseGetQuery, parseListQuery, type ListQuery } from '../../unified/query.ts'
import { selectFields } from '../../unified/select-fields.ts'
import type { ApiRoutes, HubServices } from '../services.ts'
import { listBody } from './list-body.ts'
import { withAccountSession } from './session.ts'

interface Params {
  id: string
  subResourceId: string
}

type ListOperation = (
  session: HrisSession,
  params: Params,
  list: ListRequest,
) => Promise<HrisPage<object>>
type GetOperation = (session: HrisSession, params: Params) => Promise<object>

const base = '/unified/hris'

/** Every list operation: SDK method name, path, and how it reaches the session. */
const listRoutes: [string, string, ListOperation][] = [
  ['listEmployees', '/employees', (s, _p, l) => s.listEmployees(l)],
  ['listEmployments', '/employments', (s, _p, l) => s.listEmployments(l)],
  [
    'listEmployeeEmployments',
    '/employees/:id/employments',
    (s, p, l) => s.listEmployeeEmployments(p.id, l),
  ],
  ['listCompanies', '/companies', (s, _p, l) => s.listCompanies(l)],
  ['listLocations', '/locations', (s, _p, l) => s.listLocations(l)],
  ['listTimeOffRequests', '/time_off', (s, _p, l) => s.listTimeOffRequests(l)],
  [
    'listEmployeeTimeOffRequests',
    '/employees/:id/time_off',
    (s, p, l) => s.listEmployeeTimeOffRequests(p.id, l),
  ],
  ['listTimeOffTypes', '/time_off_types', (s, _p, l) => s.listTimeOffTypes(l)],
  [
    'listEmployeeWorkEligibility',
    '/employees/:id/work_eligibility',
    (s, p, l) => s.listEmployeeWorkEligibility(p.id, l),
  ],
  [
    'listEmployeeDocuments',
    '/employees/:id/documents',
    (s, p, l) => s.listEmployeeDocuments(p.id, l),
  ],
  ['listGroups', '/groups', (s, _p, l) => s.listGroups(l)],
  ['listTeamGroups', '/groups/teams', (s, _p, l) => s.listTeamGroups(l)],
]

const getRoutes: [string, string, GetOperation][] = [
  ['getEmployee', '/employees/:id', (s, p) => s.getEmployee(p.id)],
  ['getEmployment', '/employments/:id', (s, p) => s.getEmployment(p.id)],
  [
    'getEmployeeEmployment',
    '/employees/:id/employments/:subResourceId',
    (s, p) => s.getEmployeeEmployment(p.id, p.subResourceId),
  ],
  ['getCompany', '/companies/:id', (s, p) => s.getCompany(p.id)],
  ['getLocation', '/locations/:id', (s, p) => s.getLocation(p.id)],
  ['getTimeOffRequest', '/time_off/:id', (s, p) => s.getTimeOffRequest(p.id)],
  [
    'getEmployeesTimeOffRequest',
    '/employees/:id/time_off/:subResourceId',
    (s, p) => s.getEmployeeTimeOffRequest(p.id, p.subResourceId),
  ],
  ['getTimeOffType', '/time_off_types/:id', (s, p) => s.getTimeOffType(p.id)],
  [
    'getEmployeesWorkEligibility',
    '/employees/:id/work_eligibility/:subResourceId',
    (s, p) => s.getEmployeeWorkEligibility(p.id, p.subResourceId),
  ],
  [
    'getEmployeeDocument',
    '/employees/:id/documents/:subResourceId',
    (s, p) => s.getEmployeeDocument(p.id, p.subResourceId),
  ],
  ['getGroup', '/groups/:id', (s, p) => s.getGroup(p.id)],
  ['getTeamGroup', '/groups/teams/:id', (s, p) => s.getTeamGroup(p.id)],
]

/** The unified HRIS read API (stackone-contract §3), served for every connector with `hris`. */
export function unifiedHrisRoutes(options: { cursorSecret: Uint8Array }): ApiRoutes {
  return (app: FastifyInstance, services: HubServices) => {
    for (const [, path, operation] of listRoutes) {
      app.get(base + path, (request, reply) =>
        list(request, reply, services, options.cursorSecret, operation),
      )
    }
    for (const [, path, operation] of getRoutes) {
      app.get(base + path, (request, reply) => get(request, reply, services, operation))
    }
    app.get(`${base}/employees/:id/documents/:subResourceId/download`, (request, reply) =>
      download(request, reply, services),
    )
  }
}

async function list(
  request: FastifyRequest,
  reply: FastifyReply,
  services: HubServices,
  cursorSecret: Uint8Array,
  operation: ListOperation,
) {
  const query = parseListQuery(request.query as Record<string, string | string[]>)
  const params = request.params as Params
  const { value: page, session } = await withAccountSession(
    request,
    services,
    { captureRaw: query.raw, proxy: query.proxy },
    (session) => {
      const binding = cursorBinding(request, cursorSecret, params, query)
      const cursor = query.next === null ? null : decodeCursor(query.next, binding)
      return operation(session, params, { pageSize: query.pageSize, cursor, filter: query.filter })
    },
  )
  const binding = cursorBinding(request, cursorSecret, params, query)
  const body: Paginated<object> = {
    data: page.data.map((entity) => selectFields(entity, query.fields)),
    next: page.next === null ? null : encodeCursor(page.next, binding),
  }
  if (query.raw) body.raw = session.rawCalls()
  return reply.code(200).type('application/json; charset=utf-8').send(listBody(body))
}

async function get(
  request: FastifyRequest,
  reply: FastifyReply,
  services: HubServices,
  operation: GetOperation,
) {
  const query = parseGetQuery(request.query as Record<string, string | string[]>)
  const params = request.params as Params
  const { value, session } = await withAccountSession(
    request,
    services,
    { captureRaw: query.raw, proxy: query.proxy },
    (session) => operation(session, params),
  )
  const body: Result<object> = { data: selectFields(value, query.fields) }
  if (query.raw) body.raw = session.rawCalls()
  return json(reply, body)
}

async function download(request: FastifyRequest, reply: FastifyReply, services: HubServices) {
  const params = request.params as Params
  const { value: file } = await withAccountSession<HrisFile>(
    request,
    services,
    { captureRaw: false, proxy: {} },
    (session) => session.downloadEmployeeDocument(params.id, params.subResourceId),
  )
  const fileName = file.fileName.replace(/[^\w.-]/g, '_')
  return reply
    .code(200)
    .type(servedContentType(file.contentType))
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .send(Buffer.from(file.bytes))
}

/**
 * The provider's content type is passed on only for a PDF or a raster image; anything else
 * (HTML, script, SVG, which can carry script) would let the provider put active content on our
 * origin, so it goes out as opaque bytes.
 */
function servedContentType(contentType: string): string {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  if (type === 'application/pdf') return type
  if (/^image\/[a-z0-9.+-]+$/.test(type) && type !== 'image/svg+xml') return type
  return 'application/octet-stream'
}

/**
 * A cursor only works for the account, list, employee and filters it was minted for: a cursor
 * replayed elsewhere fails its MAC and is a 400.
 */
function cursorBinding(
  request: FastifyRequest,
  secret: Uint8Array,
  params: Params,
  query: ListQuery,
): CursorBinding {
  const purpose = JSON.stringify([
    request.routeOptions.url ?? '',
    (params as Partial<Params>).id ?? '',
    query.filter,
    query.proxy,
  ])
  return { secret, accountId: request.accountId ?? '', purpose }
}

function json(reply: FastifyReply, body: object) {
  return reply.code(200).type('application/json; charset=utf-8').send(body)
}
