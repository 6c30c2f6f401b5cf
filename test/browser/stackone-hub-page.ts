import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from 'playwright-core'
import type { Duplex } from 'node:stream'

// A developer's page embedding StackOne's `<stackone-hub>`, served on its own loopback port so
// that every call the component makes to the hub is cross-origin and preflighted.

export interface HubEvent {
  type: 'success' | 'close'
  detail: unknown
}

export interface EmbeddingSite {
  url: string
  /** The page embedding the component for this connect session token. */
  pageUrl(token: string): string
  close(): Promise<void>
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => `&#${String(char.charCodeAt(0))};`)

function embeddingPage(hubUrl: string, token: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Acme HR sync</title></head><body>
<h1>Connect your HR system</h1>
<stackone-hub base-url="${escapeHtml(hubUrl)}" token="${escapeHtml(token)}"
  show-footer-links="false" height="640px"></stackone-hub>
<script>
window.hubEvents = []
const hub = document.querySelector('stackone-hub')
for (const type of ['success', 'close']) {
  hub.addEventListener(type, (event) => window.hubEvents.push({ type, detail: event.detail ?? null }))
}
</script>
<script src="/webcomponent.js"></script>
</body></html>`
}

export async function startEmbeddingSite(
  bundlePath: string,
  hubUrl: string,
): Promise<EmbeddingSite> {
  const bundle = readFileSync(bundlePath)
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/webcomponent.js') {
      response.setHeader('content-type', 'text/javascript; charset=utf-8')
      response.end(bundle)
      return
    }
    const token = url.searchParams.get('token')
    if (url.pathname !== '/' || token === null) {
      response.statusCode = 404
      response.end()
      return
    }
    response.setHeader('content-type', 'text/html; charset=utf-8')
    response.end(embeddingPage(hubUrl, token))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${String(port)}`

  return {
    url,
    pageUrl: (token) => `${url}/?token=${encodeURIComponent(token)}`,
    close: () => closeServer(server),
  }
}

export interface OutsideWorld {
  /** A proxy for browser contexts: everything not on loopback goes here and nowhere else. */
  proxy: { server: string; bypass: string }
  /** What the browser tried to reach outside loopback (URLs, or `host:port` for HTTPS). */
  attempts: string[]
  close(): Promise<void>
}

/**
 * Stands in for the internet: a loopback proxy that refuses every request and records it.
 *
 * Playwright's `context.route()` would block just as well, but while any route is installed
 * Playwright answers CORS preflights itself with "allow everything", so the hub's own preflight
 * answers would never be exercised. A refusing proxy keeps the browser's CORS checks real.
 */
export async function startOutsideWorld(): Promise<OutsideWorld> {
  const attempts: string[] = []
  const server = createServer((request, response) => {
    attempts.push(request.url ?? '')
    response.statusCode = 403
    response.end()
  })
  server.on('connect', (request: IncomingMessage, socket: Duplex) => {
    attempts.push(request.url ?? '')
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    proxy: { server: `http://127.0.0.1:${String(port)}`, bypass: '127.0.0.1,localhost' },
    attempts,
    close: () => closeServer(server),
  }
}

export async function hubEvents(page: Page): Promise<HubEvent[]> {
  return page.evaluate(() => (window as unknown as { hubEvents: HubEvent[] }).hubEvents)
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.closeAllConnections()
    server.close((error) => {
      if (error) reject(error)
      else resolve()
    })
  })
}
