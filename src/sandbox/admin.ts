import { timingSafeEqual } from 'node:crypto'

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'

import { isInProgress, statusOf } from './contract-state.ts'
import { faultConfigSchema, type FaultConfig } from './faults.ts'
import { readBearer } from './gate.ts'
import { keyIdOf } from './keys.ts'
import type { SandboxState } from './state.ts'

const mintSchema = z.strictObject({ companyId: z.string(), scopes: z.array(z.string().min(1)) })
const revokeSchema = z.strictObject({ key: z.string() })

/**
 * The sandbox's own control surface, under a prefix PayFit does not use and behind its own
 * token. Errors here use a plain `{error}` body: this is not PayFit talking.
 */
export function registerAdminRoutes(
  app: FastifyInstance,
  state: SandboxState,
  routeNames: ReadonlySet<string>,
): void {
  void app.register(
    (admin, _options, done) => {
      admin.addHook('onRequest', async (request, reply) => {
        if (!isAdmin(request, state.adminToken)) {
          return reply.code(401).send({ error: 'A valid sandbox admin token is required.' })
        }
        return undefined
      })

      admin.get('/faults', () => state.faults.current())
      admin.put('/faults', async (request, reply) => {
        const parsed = faultConfigSchema.safeParse(request.body)
        if (!parsed.success) return invalid(reply, parsed.error.issues[0]?.path.join('.'))
        const unknown = unknownRoutes(parsed.data, routeNames)
        if (unknown.length > 0) {
          return reply.code(400).send({ error: `Unknown route name(s): ${unknown.join(', ')}.` })
        }
        state.faults.replace(parsed.data)
        return state.faults.current()
      })
      admin.delete('/faults', async (_request, reply) => {
        state.faults.clear()
        return reply.code(204).send()
      })

      admin.get('/stats', () => state.stats.snapshot())
      admin.delete('/stats', async (_request, reply) => {
        state.stats.reset()
        return reply.code(204).send()
      })

      admin.get('/routes', () => ({ routes: [...routeNames].sort() }))

      admin.post('/keys', async (request, reply) => {
        const parsed = mintSchema.safeParse(request.body)
        if (!parsed.success) return invalid(reply, parsed.error.issues[0]?.path.join('.'))
        if (!state.companies.has(parsed.data.companyId)) {
          return reply.code(404).send({ error: 'No company has this id.' })
        }
        const key = state.keys.mint(parsed.data.companyId, parsed.data.scopes)
        return reply.code(201).send({ key, keyId: keyIdOf(key) })
      })
      admin.post('/keys/revoke', async (request, reply) => {
        const parsed = revokeSchema.safeParse(request.body)
        if (!parsed.success) return invalid(reply, parsed.error.issues[0]?.path.join('.'))
        if (!state.keys.revoke(parsed.data.key)) {
          return reply.code(404).send({ error: 'This key was never issued.' })
        }
        return reply.code(204).send()
      })

      admin.get('/companies/:companyId/counts', async (request, reply) => {
        const { companyId } = request.params as { companyId: string }
        const data = state.companies.get(companyId)
        if (data === undefined) return reply.code(404).send({ error: 'No company has this id.' })
        const clock = {
          today: state.today(),
          nowMs: Date.now(),
          visibilityDelayMs: state.contractVisibilityDelayMs,
        }
        return {
          collaborators: data.collaborators.length,
          contracts: data.contracts.length,
          activeContracts: data.contracts.filter((c) => statusOf(c, clock) === 'ACTIVE').length,
          inProgressContracts: data.contracts.filter((c) => isInProgress(c, clock)).length,
          absences: data.absences.length,
          cancelledAbsences: data.absences.filter((a) => a.status === 'cancelled').length,
        }
      })
      done()
    },
    { prefix: '/_sandbox' },
  )
}

function isAdmin(request: FastifyRequest, adminToken: string): boolean {
  const given = Buffer.from(readBearer(request.headers.authorization) ?? '')
  const expected = Buffer.from(adminToken)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

function invalid(reply: FastifyReply, path: string | undefined): FastifyReply {
  const where = path === undefined || path === '' ? 'the body' : `"${path}"`
  return reply.code(400).send({ error: `The request is invalid at ${where}.` })
}

function unknownRoutes(config: FaultConfig, routeNames: ReadonlySet<string>): string[] {
  return config.rules
    .map((rule) => rule.route)
    .filter((name) => name !== '*' && !routeNames.has(name))
}
