import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

import { isKnownError, RetryLaterError } from '../errors.ts'
import { internalErrorBody, knownErrorBody, plainErrorBody } from './error-body.ts'

/** Fastify's own client errors, in our words (theirs may quote the request). */
const frameworkMessages: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Send the request body as application/json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length header does not match the body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty',
}

export function isHubRequest(request: FastifyRequest): boolean {
  return request.url === '/hub' || request.url.startsWith('/hub/')
}

export function registerErrorHandling(app: FastifyInstance, now: () => Date): void {
  app.setErrorHandler(async (error: FastifyError | Error, request, reply) => {
    const options = { hub: isHubRequest(request), now: now() }

    if (isKnownError(error)) {
      if (error instanceof RetryLaterError)
        void reply.header('retry-after', error.retryAfterSeconds)
      const body = knownErrorBody(error, options)
      return send(reply, body.statusCode, body)
    }

    const statusCode = 'statusCode' in error ? error.statusCode : undefined
    if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
      const code = 'code' in error ? error.code : ''
      const message = frameworkMessages[code] ?? 'The request could not be understood'
      return send(reply, statusCode, plainErrorBody(statusCode, message, options))
    }

    request.log.error({ err: error }, 'unhandled error')
    return send(reply, 500, internalErrorBody(options))
  })

  app.setNotFoundHandler(notFoundHandler(now))
}

/** The 404 for a path no route matches, in the hub's or the API's error shape. */
export function notFoundHandler(now: () => Date) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? ''
    const body = plainErrorBody(404, `No route matches ${request.method} ${path}`, {
      hub: isHubRequest(request),
      now: now(),
    })
    return send(reply, 404, body)
  }
}

function send(reply: FastifyReply, statusCode: number, body: object) {
  return reply.code(statusCode).type('application/json; charset=utf-8').send(body)
}
