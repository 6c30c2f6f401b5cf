import { existsSync, mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'

const chromiumPath = '/usr/bin/chromium'
const screenshotsDir = fileURLToPath(new URL('../../artefacts/screenshots/', import.meta.url))

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is missing at ${chromiumPath}; the browser tests drive Debian's build. ` +
        'Install it with `apt-get install -y chromium` (CI does this in .ci/run).',
    )
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  })
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true })
  const width = page.viewportSize()?.width ?? 0
  await page.screenshot({ path: `${screenshotsDir}${name}-${width}.png`, fullPage: true })
}

export interface AppSite {
  /** Origin of the developer's app that opens the Link page (another port, so another origin). */
  url: string
  close(): Promise<void>
}

const openerPage = `<!doctype html><html lang="en"><title>App</title><body><script>
window.received = []
window.addEventListener('message', (event) => {
  window.received.push({ origin: event.origin, data: event.data })
})
</script><p>The developer's app</p></body></html>`

const returnPage =
  '<!doctype html><html lang="en"><title>Back in the app</title><p>Welcome back</p>'

/** A stand-in for the developer's app: an opener page at `/` and a return page at `/done`. */
export async function startAppSite(): Promise<AppSite> {
  const server = createServer((request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8')
    response.end(request.url === '/' ? openerPage : returnPage)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => {
          if (error) reject(error)
          else resolve()
        })
      }),
  }
}

export { waitFor } from '../wait-for.ts'
