import type { FastifyRequest } from 'fastify'
import type { z } from 'zod'

import { badRequest } from './replies.ts'
import { grantedScopes } from './route-spec.ts'
import type { SandboxState } from './state.ts'
import type { ViewContext } from './views.ts'

export function viewOf(
  request: FastifyRequest,
  state: SandboxState,
  includeInProgress = false,
): ViewContext {
  return {
    granted: grantedScopes(request),
    gating: state.gating,
    today: state.today(),
    nowMs: Date.now(),
    visibilityDelayMs: state.contractVisibilityDelayMs,
    includeInProgress,
  }
}

/** Parses a JSON body, turning the first problem into PayFit's 400 wording (§6). */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {})
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const field = issue?.path.join('.') ?? ''
  if (field === '') throw badRequest('The request body is invalid.')
  const isMissing = issue?.code === 'invalid_type' && issue.message.includes('undefined')
  throw badRequest(isMissing ? `Field "${field}" is required.` : `Field "${field}" is invalid.`)
}
