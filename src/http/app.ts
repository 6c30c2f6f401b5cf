import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

import cors from '@fastify/cors'
import Fastify, { LogController, type FastifyInstance, type RawServerDefault } from 'fastify'

import { InvalidRequestError } from '../errors.ts'
import type { Logger } from '../log.ts'
import { registerAccountRoutes } from './accounts.ts'
import { requireApiKey, requireHubSession } from './auth.ts'
import {
  createAuthThrottle,
  defaultAuthThrottle,
  type AuthThrottleOptions,
} from './auth-throttle.ts'
import { clientErrorHandler, frameworkErrors } from './client-errors.ts'
import { registerConnectSessionRoutes } from './connect-sessions.ts'
import { notFoundHandler, registerErrorHandling } from './errors.ts'
import { registerHubRoutes } from './hub.ts'
import { registerLogoRoutes } from './logos.ts'
import { decorateRequests } from './request-context.ts'
import { registerRequestLog } from './request-log.ts'
import { registerSecurityHeaders } from './security-headers.ts'
import type { ApiRoutes, HubServices } from './services.ts'

/** Large enough for any credential form or write body we accept, small enough to shed abuse. */
export const bodyLimitBytes = 64 * 1024

/** Deeper JSON than any body we accept; deeper would only feed recursion in validation. */
export const maxJsonDepth = 64

const hubCors = {
  origin: '*',
  methods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
  allowedHeaders: ['content-type', 'x-hub-session-token', 'x-hub-version'],
  maxAge: 600,
}

export interface AppOptions {
  services: HubServices
  logger: Logger
  /** Extra API routes (behind API-key authentication), e.g. the unified HRIS API. */
  apiRoutes?: ApiRoutes[]
  /** Public pages (no authentication), e.g. the Link Account page. */
  pageRoutes?: ((app: FastifyInstance) => void)[]
  /** When failed authentications from one address or with one secret start being refused. */
  authThrottle?: Partial<AuthThrottleOptions>
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { services } = options
  const app = Fastify<RawServerDefault, IncomingMessage, ServerResponse>({
    loggerInstance: options.logger,
    // Fastify's own two lines per request are replaced by our one line (request-log.ts).
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: bodyLimitBytes,
    return503OnClosing: true,
    clientErrorHandler: clientErrorHandler(services.now),
    frameworkErrors: frameworkErrors(services.now),
  })

  decorateRequests(app)
  registerJsonParser(app)
  registerErrorHandling(app, services.now)
  registerRequestLog(app)
  registerSecurityHeaders(app, services.publicUrl)
  const throttle = createAuthThrottle({ ...defaultAuthThrottle, ...options.authThrottle }, () =>
    services.now().getTime(),
  )

  app.get('/health', () => ({ status: 'ok' }))

  await app.register(async (api) => {
    api.addHook('onRequest', requireApiKey(services.projects, throttle))
    registerConnectSessionRoutes(api, services)
    registerAccountRoutes(api, services)
    for (const routes of options.apiRoutes ?? []) await routes(api, services)
  })

  await app.register(
    async (hub) => {
      await hub.register(cors, hubCors)
      hub.addHook('preHandler', requireHubSession(services.connectSessions, throttle))
      registerHubRoutes(hub, services)
      // Answered inside this scope so the reply carries CORS headers: an embedding page on
      // another origin can then read the 404 instead of failing with "Failed to fetch".
      hub.setNotFoundHandler(notFoundHandler(services.now))
    },
    { prefix: '/hub' },
  )

  await app.register(
    async (logos) => {
      await logos.register(cors, { ...hubCors, methods: ['GET', 'OPTIONS'] })
      registerLogoRoutes(logos, services)
    },
    { prefix: '/logos' },
  )

  for (const routes of options.pageRoutes ?? []) routes(app)
  return app
}

/**
 * Replaces Fastify's JSON parser so that an empty body with a JSON content type reads as "no
 * body" (clients send the header on DELETE too) and a malformed one is a clean 400.
 */
function registerJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8')
    if (text.trim() === '') {
      done(null, undefined)
      return
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      done(new InvalidRequestError('The request body is not valid JSON'), undefined)
      return
    }
    if (depthExceeds(parsed, maxJsonDepth)) {
      done(
        new InvalidRequestError(
          `The request body is nested deeper than ${String(maxJsonDepth)} levels`,
        ),
        undefined,
      )
      return
    }
    done(null, parsed)
  })
}

/** Stops descending as soon as the limit is passed, so it never recurses deeper than that. */
function depthExceeds(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false
  if (limit === 0) return true
  const children: unknown[] = Array.isArray(value) ? value : Object.values(value)
  return children.some((child) => depthExceeds(child, limit - 1))
}
