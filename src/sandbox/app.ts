import { setTimeout as sleep } from 'node:timers/promises'

import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify'

import { registerAdminRoutes } from './admin.ts'
import {
  applyDrift,
  malformJson,
  repeatPageToken,
  slowBody,
  truncatedBody,
} from './fault-bodies.ts'
import { createGate } from './gate.ts'
import type { LostAnswer } from './faults.ts'
import { badRequest, PayfitReply, serverErrorBodies } from './replies.ts'
import { registerAbsenceRoutes } from './routes-absences.ts'
import { registerCollaboratorRoutes } from './routes-collaborators.ts'
import { registerCompanyRoutes } from './routes-company.ts'
import { registerContractRoutes } from './routes-contracts.ts'
import { registerIntrospectRoute } from './routes-introspect.ts'
import { registerPayslipRoutes } from './routes-payslips.ts'
import type { SandboxState } from './state.ts'

/** One Fastify app serving both PayFit hosts' paths plus the `/_sandbox` admin API. */
export function buildApp(state: SandboxState): FastifyInstance {
  // Closing the emulator ends its keep-alive connections too, so a test or a demo never waits
  // out a client's idle connection.
  const app = Fastify({ logger: false, bodyLimit: 1_048_576, forceCloseConnections: true })
  const routeNames = new Set<string>()
  app.addHook('onRoute', (options) => {
    const name = options.config?.sandbox?.name
    if (name !== undefined) routeNames.add(name)
  })
  app.decorateRequest('sandbox', null)

  // PayFit accepts a DELETE with an optional JSON body (§9.30), so an empty JSON body is no body.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8')
    if (text.trim() === '') {
      done(null, undefined)
      return
    }
    try {
      done(null, JSON.parse(text))
    } catch {
      done(badRequest('The request body is not valid JSON.'), undefined)
    }
  })

  app.addHook('onRequest', createGate(state))
  app.addHook('preSerialization', async (request, reply, payload) => {
    const context = request.sandbox
    if (context === null || reply.statusCode >= 400) return payload
    let result = applyDrift(payload, context.fault)
    if (context.fault.repeatNextPageToken) {
      result = repeatPageToken(result, (request.query as { nextPageToken?: string }).nextPageToken)
    }
    return result
  })
  app.addHook('onSend', async (request, reply, payload) => {
    const fault = request.sandbox?.fault
    if (fault === undefined || reply.statusCode >= 300) return payload
    if (fault.lostAnswer !== null)
      return loseAnswer({ request, reply, lost: fault.lostAnswer, payload, state })
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
    let body: string | Buffer = payload
    if (fault.malformedJson && typeof body === 'string') body = malformJson(body)
    if (fault.truncatedBody) {
      void reply.header('content-length', String(Buffer.byteLength(body)))
      return truncatedBody(body)
    }
    if (fault.slowBodyMs > 0) {
      void reply.header('content-length', String(Buffer.byteLength(body)))
      return slowBody(body, fault.slowBodyMs)
    }
    return body
  })
  app.addHook('onResponse', async (request, reply) => {
    const context = request.sandbox
    if (context === null || context.isReset) return
    state.stats.answered(context.spec.name, String(reply.statusCode), context.key?.id ?? null)
  })

  app.setErrorHandler((error: FastifyError | PayfitReply, _request, reply) => {
    if (error instanceof PayfitReply) return reply.code(error.status).send(error.body)
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      return reply
        .code(status)
        .send({ code: status, error: 'Bad request', details: 'The request is invalid.' })
    }
    return reply.code(500).send({ message: 'An unexpected error occurred' })
  })
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ code: 404, error: 'Ressource not found', details: 'No such path.' }),
  )

  registerIntrospectRoute(app, state)
  registerCompanyRoutes(app, state)
  registerCollaboratorRoutes(app, state)
  registerContractRoutes(app, state)
  registerPayslipRoutes(app, state)
  registerAbsenceRoutes(app, state)
  registerAdminRoutes(app, state, routeNames)
  return app
}

/** The route already ran; now its answer is delayed, replaced by a gateway 5xx, or cut. */
async function loseAnswer({
  request,
  reply,
  lost,
  payload,
  state,
}: {
  request: FastifyRequest
  reply: FastifyReply
  lost: LostAnswer
  payload: unknown
  state: SandboxState
}): Promise<unknown> {
  if (lost.delayMs > 0) await sleep(lost.delayMs)
  const context = request.sandbox
  if (lost.reset && context !== null) {
    context.isReset = true
    state.stats.answered(context.spec.name, 'reset', context.key?.id ?? null)
    request.raw.socket.destroy()
    return payload
  }
  if (lost.errorStatus !== null) {
    void reply.code(lost.errorStatus).type('application/json; charset=utf-8')
    return JSON.stringify(serverErrorBodies[lost.errorStatus])
  }
  return payload
}
