import { readFileSync, readdirSync } from 'node:fs'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, FastifyReply } from 'fastify'

const assetsDir = fileURLToPath(new URL('./assets/', import.meta.url))
const pageFile = fileURLToPath(new URL('./page.html', import.meta.url))

// The page holds the session token in its URL: no referrer may carry it away, no other origin
// may frame the page, and nothing but our own files may run or load in it.
const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ')

const contentTypeByExtension: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
}

interface Asset {
  contentType: string
  body: Buffer
}

function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>()
  for (const file of readdirSync(assetsDir)) {
    const contentType = contentTypeByExtension[extname(file)]
    if (contentType === undefined) continue
    assets.set(file, { contentType, body: readFileSync(join(assetsDir, file)) })
  }
  return assets
}

function setSecurityHeaders(reply: FastifyReply): void {
  // COOP stays `unsafe-none` on purpose: the developer's app opens this page in a popup and
  // waits for our postMessage, which needs `window.opener` to survive.
  reply.headers({
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'unsafe-none',
    'x-frame-options': 'DENY',
  })
}

/** Serves the Link Account page at `GET /link?token=…` and its files at `/link/assets/<file>`. */
export function registerLinkRoutes(app: FastifyInstance): void {
  const page = readFileSync(pageFile)
  const assets = loadAssets()

  app.get('/link', (_request, reply) => {
    setSecurityHeaders(reply)
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page)
  })

  app.get<{ Params: { file: string } }>('/link/assets/:file', (request, reply) => {
    const asset = assets.get(request.params.file)
    if (asset === undefined) {
      reply.callNotFound()
      return reply
    }

    setSecurityHeaders(reply)
    return reply.header('cache-control', 'no-cache').type(asset.contentType).send(asset.body)
  })
}
