import http from 'node:http'
import type { Socket } from 'node:net'

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'

import { plainErrorBody } from './error-body.ts'
import { isHubRequest } from './errors.ts'

/**
 * Requests Node refuses before Fastify sees them (a control character in a header, a malformed
 * request line, headers too large): answered on the raw socket, with our error body rather than
 * Fastify's, since no reply object exists yet.
 */
export function clientErrorHandler(now: () => Date) {
  return (error: Error & { code?: string }, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return
    const status =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 408
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? 431
          : 400
    const message =
      status === 408
        ? 'The request took too long to arrive'
        : status === 431
          ? 'The request headers are too large'
          : 'The request is not valid HTTP'
    const body = JSON.stringify(plainErrorBody(status, message, { hub: false, now: now() }))
    if (socket.writable) {
      socket.write(
        [
          `HTTP/1.1 ${String(status)} ${http.STATUS_CODES[status] ?? 'Bad Request'}`,
          'content-type: application/json; charset=utf-8',
          `content-length: ${String(Buffer.byteLength(body))}`,
          'x-content-type-options: nosniff',
          'cache-control: no-store',
          'connection: close',
          '',
          body,
        ].join('\r\n'),
      )
    }
    socket.destroy()
  }
}

/** Errors Fastify raises before routing, such as a path that is not valid percent-encoding. */
export function frameworkErrors(now: () => Date) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 400
    const message =
      error.code === 'FST_ERR_BAD_URL'
        ? 'The request path is not valid'
        : 'The request is not valid'
    void reply
      .code(status)
      .type('application/json; charset=utf-8')
      .send(plainErrorBody(status, message, { hub: isHubRequest(request), now: now() }))
  }
}
