import type { FastifyInstance } from 'fastify'

/**
 * Headers every response carries. A route that needs another value sets it first (the Link
 * page sets its own Content-Security-Policy and a shorter cache policy for its assets).
 * - `nosniff`: a JSON error body must never be sniffed into HTML or script.
 * - `no-referrer`: Link URLs carry a session token; no Referer may carry it to another site.
 * - `no-store`: API answers hold account data; no shared cache or browser history may keep them.
 * - `DENY`: nothing we serve is meant to be framed; `<stackone-hub>` is embedded as a script.
 * - HSTS only when the public URL is https: on plain http it would be ignored at best, and on
 *   a `localhost` development hub it would pin browsers to https for a year.
 */
export function registerSecurityHeaders(app: FastifyInstance, publicUrl: () => string): void {
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('x-content-type-options', 'nosniff')
    void reply.header('referrer-policy', 'no-referrer')
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store')
    if (!reply.hasHeader('x-frame-options')) void reply.header('x-frame-options', 'DENY')
    if (publicUrl().startsWith('https://')) {
      void reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains')
    }
  })
}
