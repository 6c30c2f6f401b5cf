import type { FastifyInstance } from 'fastify'

/**
 * One info line per request when it completes. The route template is logged, never the URL:
 * `/link?token=…` carries a session token in its query string.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? '(no route)',
        statusCode: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        ...(request.accountId === null ? {} : { accountId: request.accountId }),
      },
      'request completed',
    )
  })
}
