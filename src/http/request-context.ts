import type { FastifyInstance, FastifyRequest } from 'fastify'

import type { ConnectSession } from '../accounts/connect-sessions.ts'
import type { Project } from '../accounts/projects.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The project whose API key authenticated the request (API routes). */
    project: Project | null
    /** The connect session whose token authenticated the request (`/hub/*`). */
    hubSession: ConnectSession | null
    /** The account the request is about, once known; it goes into the request log line. */
    accountId: string | null
  }
}

export function decorateRequests(app: FastifyInstance): void {
  app.decorateRequest('project', null)
  app.decorateRequest('hubSession', null)
  app.decorateRequest('accountId', null)
}

/** The authenticated project of an API route; its absence is a wiring bug, never a caller's. */
export function projectOf(request: FastifyRequest): Project {
  if (request.project === null) throw new Error('An API route ran without an authenticated project')
  return request.project
}
