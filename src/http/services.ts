import type { FastifyInstance } from 'fastify'

import type { AccountService, ConnectorCatalog } from '../accounts/accounts.ts'
import type { ConnectSessionService } from '../accounts/connect-sessions.ts'
import type { ProjectService } from '../accounts/projects.ts'
import type { Logger } from '../log.ts'

/** What route handlers may use; built once by `hub.ts`. */
export interface HubServices {
  projects: ProjectService
  connectSessions: ConnectSessionService
  accounts: AccountService
  connectors: ConnectorCatalog
  /** Base of the URLs we hand out; known only once the server listens when the port is 0. */
  publicUrl: () => string
  now: () => Date
  logger: Logger
}

/**
 * Routes added by later modules (the unified HRIS API). They are registered behind API-key
 * authentication: `request.project` is set, and errors they throw get the standard body.
 */
export type ApiRoutes = (app: FastifyInstance, services: HubServices) => void | Promise<void>
