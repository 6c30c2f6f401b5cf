import { setTimeout as sleep } from 'node:timers/promises'

import type { FastifyReply, FastifyRequest } from 'fastify'

import { rateLimitHeaders, type RateDecision } from './rate-limit.ts'
import {
  forbidden,
  missingScope,
  badRequest,
  rateLimitedBody,
  serverErrorBodies,
  unauthorizedBody,
} from './replies.ts'
import type { RequestContext } from './route-spec.ts'
import type { SandboxState } from './state.ts'

export function readBearer(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header)
  return match?.[1]
}

/**
 * Runs before every PayFit route, in the order a gateway would: faults that strike before any
 * check, authentication, the rate limit, the company boundary, scopes, country, then injected
 * errors that look like the upstream failing.
 */
export function createGate(state: SandboxState) {
  return async function gate(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const spec = request.routeOptions.config.sandbox
    if (spec === undefined) return
    const key = readBearer(request.headers.authorization)
    const record = key === undefined ? undefined : state.keys.find(key)
    const context: RequestContext = {
      spec,
      key: record ?? null,
      data: null,
      fault: state.faults.decide(spec.name),
      isReset: false,
    }
    request.sandbox = context
    state.stats.received(record?.id ?? null, Date.now())

    if (context.fault.delayMs > 0) await sleep(context.fault.delayMs)
    if (context.fault.reset) {
      context.isReset = true
      state.stats.answered(spec.name, 'reset', record?.id ?? null)
      reply.hijack()
      request.raw.socket.destroy()
      return reply
    }

    const isIntrospection = spec.name === 'introspect'
    if (key === undefined || (!isIntrospection && (record === undefined || record.isRevoked))) {
      return reply.code(401).send(unauthorizedBody)
    }

    if (record !== undefined && !record.isRevoked) {
      const decision = state.limiter.take(record.id, spec.kind, Date.now())
      void reply.headers(rateLimitHeaders(decision))
      if (!decision.isAllowed) return tooManyRequests(reply, decision)
    }
    state.stats.accepted(record?.id ?? null, Date.now())

    if (record !== undefined && !isIntrospection) {
      const { companyId } = request.params as { companyId?: string }
      if (companyId !== record.companyId) {
        throw forbidden('This token does not give access to this company.')
      }
      context.data = state.companies.get(companyId) ?? null
      if (spec.scope !== null && !record.granted.has(spec.scope)) throw missingScope(spec.scope)
      if (spec.isFrenchOnly && context.data?.company.country !== 'FR') {
        throw badRequest('This endpoint is only available for French companies.')
      }
    }

    if (context.fault.errorStatus !== null) {
      const status = context.fault.errorStatus
      return reply.code(status).send(serverErrorBodies[status])
    }
    if (context.fault.tooManyRequests) {
      return tooManyRequests(reply, {
        isAllowed: false,
        limit: state.limiter.limitFor(spec.kind),
        remaining: 0,
        resetSeconds: 1,
        retryAfterSeconds: 1,
      })
    }
    return undefined
  }
}

function tooManyRequests(reply: FastifyReply, decision: RateDecision): FastifyReply {
  return reply
    .code(429)
    .headers({ ...rateLimitHeaders(decision), 'retry-after': String(decision.retryAfterSeconds) })
    .send(rateLimitedBody)
}
