import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'

import { launchChromium, waitFor } from './browser.ts'
import { startStackOneHubBackend, type StackOneHubBackend } from './stackone-hub-backend.ts'
import { stackOneHubBundle } from './stackone-hub-bundle.ts'
import {
  hubEvents,
  startEmbeddingSite,
  startOutsideWorld,
  type EmbeddingSite,
  type HubEvent,
  type OutsideWorld,
} from './stackone-hub-page.ts'

// Shared setup for the `<stackone-hub>` suites: one browser, hub, sandbox and embedding site per
// file, a fresh browser context per test, and the outside world stood in by a refusing proxy.

const viewport = { width: 1024, height: 800 }

/**
 * Hosts the browser may try to reach without the flow depending on them: Chromium's own autofill
 * service, and the PayFit help page behind the component's "Connection guide" button.
 */
export const nonEssentialHosts = ['content-autofill.googleapis.com', 'developers.payfit.io']

export interface StackOneHubFixture {
  readonly backend: StackOneHubBackend
  readonly world: OutsideWorld
  /** Opens the embedding page for this session token in the current test's context. */
  openHub(token: string): Promise<Page>
  /** Opens the page and waits for the PayFit API key field. */
  openPayfitForm(token: string): Promise<Page>
  /** Uncaught errors on every page opened in the current test. */
  pageErrors: string[]
}

export function useStackOneHub(): StackOneHubFixture {
  let browser: Browser
  let site: EmbeddingSite
  let context: BrowserContext
  let backend: StackOneHubBackend
  let world: OutsideWorld
  const pageErrors: string[] = []
  // Only what started gets stopped: a failed bundle fetch must report itself, not a crash here.
  const stops: (() => Promise<void>)[] = []

  const fixture: StackOneHubFixture = {
    get backend() {
      return backend
    },
    get world() {
      return world
    },
    pageErrors,
    async openHub(token) {
      const page = await context.newPage()
      page.on('pageerror', (error) => pageErrors.push(error.message))
      await page.goto(site.pageUrl(token))
      return page
    },
    async openPayfitForm(token) {
      const page = await fixture.openHub(token)
      await apiKeyField(page).waitFor()
      return page
    },
  }

  beforeAll(async () => {
    const bundle = await stackOneHubBundle()
    browser = await launchChromium()
    stops.push(() => browser.close())
    backend = await startStackOneHubBackend()
    stops.push(() => backend.close())
    world = await startOutsideWorld()
    stops.push(() => world.close())
    site = await startEmbeddingSite(bundle, backend.url)
    stops.push(() => site.close())
  })

  afterAll(async () => {
    for (const stop of stops.reverse()) await stop()
  })

  beforeEach(async () => {
    pageErrors.length = 0
    context = await browser.newContext({ viewport, proxy: world.proxy })
  })

  afterEach(async () => {
    await context.close()
    const hosts = world.attempts.map((attempt) => hostOf(attempt))
    expect(hosts.filter((host) => !nonEssentialHosts.includes(host))).toEqual([])
  })

  return fixture
}

export function apiKeyField(page: Page) {
  return page.getByRole('textbox', { name: 'API Key' })
}

export async function submitKey(page: Page, apiKey: string): Promise<void> {
  await apiKeyField(page).fill(apiKey)
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
}

export async function eventsOf(page: Page, type: HubEvent['type']): Promise<HubEvent[]> {
  return waitFor(`a "${type}" event from <stackone-hub>`, async () => {
    const events = (await hubEvents(page)).filter((event) => event.type === type)
    return events.length > 0 ? events : undefined
  })
}

/** The proxy sees `host:443` for HTTPS and a full URL for plain HTTP. */
export function hostOf(attempt: string): string {
  return attempt.includes('://') ? new URL(attempt).hostname : (attempt.split(':')[0] ?? '')
}
