import type { FastifyInstance } from 'fastify'

import { readBearer } from './gate.ts'
import { unauthorizedBody } from './replies.ts'
import { route } from './route-spec.ts'
import type { SandboxState } from './state.ts'

/**
 * The OAuth host's introspection (§3.4). The gate only insists on a Bearer header; the token
 * inspected is the body's (falling back to the header's). An unknown or revoked token answers
 * `{active:false}`, or 401 when the sandbox is told to (§13.5 leaves both open).
 */
export function registerIntrospectRoute(app: FastifyInstance, state: SandboxState): void {
  app.post('/introspect', route('introspect', 'read', null), async (request, reply) => {
    const body = request.body as { token?: unknown } | undefined
    const token =
      typeof body?.token === 'string' ? body.token : readBearer(request.headers.authorization)
    const record = token === undefined ? undefined : state.keys.find(token)
    if (record === undefined || record.isRevoked) {
      if (state.introspectionUnauthorizedForInactive) return reply.code(401).send(unauthorizedBody)
      return { active: false }
    }
    return {
      active: true,
      scope: record.scopes.join(' '),
      company_id: record.companyId,
      token_type: 'bearer',
    }
  })
}
