import type { FastifyReply, FastifyRequest } from 'fastify'

import { InvalidRequestError } from '../../errors.ts'
import type { CreateResult, DeleteResult } from '../../unified/envelopes.ts'
import type { HrisSession } from '../../unified/operations.ts'
import type { CreatedRecord, WriteOptions } from '../../unified/write-operations.ts'
import {
  cancelTimeOffRequestSchema,
  createEmployeeRequestSchema,
  createEmploymentRequestSchema,
  createTimeOffRequestSchema,
} from '../../unified/writes.ts'
import {
  idempotencyHeader,
  requestFingerprint,
  type Idempotency,
  type WriteReply,
} from '../idempotency.ts'
import { projectOf } from '../request-context.ts'
import type { ApiRoutes, HubServices } from '../services.ts'
import { parseRequest } from '../validation.ts'
import { accountHeader, withAccountSession } from './session.ts'

interface Params {
  id: string
  subResourceId: string
}

type Write = (session: HrisSession, options: WriteOptions) => Promise<WriteReply>

const base = '/unified/hris'

/** The unified HRIS writes (stackone-contract §3.6), each under `Idempotency-Key` when sent. */
export function unifiedWriteRoutes(deps: { idempotency: Idempotency }): ApiRoutes {
  return (app, services) => {
    const created = (record: CreatedRecord): WriteReply => {
      const body: CreateResult = {
        statusCode: 201,
        message: record.message,
        timestamp: services.now().toISOString(),
        data: { id: record.id, remote_id: record.remoteId },
      }
      return { statusCode: 201, body }
    }
    const run = (request: FastifyRequest, reply: FastifyReply, write: Write) =>
      runWrite(request, reply, services, deps.idempotency, write)

    app.post(`${base}/employees`, (request, reply) => {
      const body = parseRequest(createEmployeeRequestSchema, request.body, 'body')
      return run(request, reply, async (session, options) =>
        created(await session.createEmployee(body, options)),
      )
    })

    app.post(`${base}/employees/:id/employments`, (request, reply) => {
      const { id } = request.params as Params
      const body = parseRequest(createEmploymentRequestSchema, request.body, 'body')
      return run(request, reply, async (session, options) =>
        created(await session.createEmployeeEmployment(id, body, options)),
      )
    })

    app.post(`${base}/employees/:id/time_off`, (request, reply) => {
      const { id } = request.params as Params
      const body = parseRequest(createTimeOffRequestSchema, request.body, 'body')
      return run(request, reply, async (session, options) =>
        created(await session.createEmployeeTimeOffRequest(id, body, options)),
      )
    })

    app.delete(`${base}/employees/:id/time_off/:subResourceId`, (request, reply) => {
      const { id, subResourceId } = request.params as Params
      const fromBody = parseRequest(cancelTimeOffRequestSchema, request.body, 'body')
      const fromQuery = parseRequest(cancelTimeOffRequestSchema, request.query, 'query')
      const comment = fromBody.comment ?? fromQuery.comment ?? null
      return run(request, reply, async (session) => {
        const { message } = await session.cancelEmployeeTimeOffRequest(id, subResourceId, comment)
        const body: DeleteResult = {
          statusCode: 200,
          message,
          timestamp: services.now().toISOString(),
        }
        return { statusCode: 200, body }
      })
    })
  }
}

async function runWrite(
  request: FastifyRequest,
  reply: FastifyReply,
  services: HubServices,
  idempotency: Idempotency,
  write: Write,
) {
  const accountId = request.headers[accountHeader]
  if (typeof accountId !== 'string' || accountId.trim() === '') {
    throw new InvalidRequestError(`Missing ${accountHeader} header: send the linked account's id`)
  }
  const key = request.headers[idempotencyHeader]
  if (Array.isArray(key))
    throw new InvalidRequestError('Send one Idempotency-Key header, not several')

  const { reply: answer, replayed } = await idempotency.run(
    {
      projectId: projectOf(request).id,
      accountId,
      key,
      fingerprint: requestFingerprint(request.method, request.url, request.body),
    },
    async (options) => {
      const { value } = await withAccountSession(
        request,
        services,
        { captureRaw: false, proxy: {} },
        (session) => write(session, options),
      )
      return value
    },
  )
  if (replayed) void reply.header('idempotent-replayed', 'true')
  return reply.code(answer.statusCode).type('application/json; charset=utf-8').send(answer.body)
}
