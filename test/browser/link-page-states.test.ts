import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LinkBackend } from './backend.ts'
import { launchChromium, saveScreenshot } from './browser.ts'
import { fakeOnlyKeys, startFakeHub } from './fake-hub.ts'

// States the real hub and sandbox rarely reach on demand, driven through the fake /hub/*.

let browser: Browser
let backend: LinkBackend

beforeAll(async () => {
  browser = await launchChromium()
  backend = await startFakeHub()
})

afterAll(async () => {
  await backend.close()
  await browser.close()
})

async function withPage<T>(
  run: (page: Page) => Promise<T>,
  options: { reducedMotion?: 'reduce' | 'no-preference' } = {},
): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options })
  try {
    return await run(await context.newPage())
  } finally {
    await context.close()
  }
}

async function openLink(page: Page, hub: LinkBackend = backend): Promise<void> {
  const session = await hub.createSession()
  await page.goto(session.linkUrl)
  await page.getByRole('heading', { name: 'Connect your PayFit account' }).waitFor()
}

async function submitKey(page: Page, apiKey: string): Promise<void> {
  await page.getByLabel('API Key', { exact: true }).fill(apiKey)
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
}

describe('the Link page outside the happy path', () => {
  it('explains that the link is incomplete when the URL has no token', async () => {
    await withPage(async (page) => {
      await page.goto(`${backend.url}/link`)

      await page.getByRole('heading', { name: 'This link is incomplete' }).waitFor()
      await expect(page.getByRole('button', { name: 'Connect' }).isVisible()).resolves.toBe(false)
    })
  })

  it('asks to try again when PayFit is unreachable, and keeps the form', async () => {
    await withPage(async (page) => {
      await openLink(page)
      await submitKey(page, fakeOnlyKeys.payfitDown)

      await page.getByRole('alert').getByText('PayFit can’t be reached right now').waitFor()
      await expect(page.getByRole('alert').textContent()).resolves.toContain('try again')
      await expect(page.getByRole('button', { name: 'Connect' }).isEnabled()).resolves.toBe(true)
    })
  })

  it('replaces the form with the expired notice when the session ends before Connect', async () => {
    await withPage(async (page) => {
      await openLink(page)
      await submitKey(page, fakeOnlyKeys.sessionEnds)

      await page.getByRole('heading', { name: 'This link has expired' }).waitFor()
      await expect(page.getByLabel('API Key', { exact: true }).isVisible()).resolves.toBe(false)
    })
  })

  it('asks for a key instead of sending an empty or blank one', async () => {
    await withPage(async (page) => {
      let accountRequests = 0
      page.on('request', (request) => {
        if (request.url().endsWith('/hub/accounts')) accountRequests++
      })
      await openLink(page)
      await submitKey(page, '   ')

      await page.getByRole('alert').getByText('Paste your PayFit API key first.').waitFor()
      expect(accountRequests).toBe(0)
    })
  })
})

describe('the Link page guide', () => {
  it('shows markup and script links from the guide as plain text', async () => {
    const hostile = await startFakeHub({
      steps: [
        'Look <img src=x id=injected> here',
        'Then [click me](javascript:document.title="owned") and **stay** safe',
      ],
    })
    try {
      await withPage(async (page) => {
        await openLink(page, hostile)

        const steps = page.locator('#steps li')
        await expect(steps.first().textContent()).resolves.toBe('Look <img src=x id=injected> here')
        await expect(page.locator('#injected').count()).resolves.toBe(0)
        await expect(steps.nth(1).locator('a').count()).resolves.toBe(0)
        await expect(steps.nth(1).locator('strong').textContent()).resolves.toBe('stay')
      })
    } finally {
      await hostile.close()
    }
  })
})

interface ContrastReading {
  selector: string
  ratio: number
}

// Computed in the page: WCAG relative luminance of the text colour against the first opaque
// background among the element and its ancestors.
function measureContrast(selectors: string[]): ContrastReading[] {
  const channels = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number)
  const luminance = (colour: string) => {
    const [r = 0, g = 0, b = 0] = channels(colour).map((value) => {
      const c = value / 255
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
  }
  const backgroundOf = (element: Element | null): string => {
    for (let node = element; node !== null; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor
      if ((channels(colour)[3] ?? 1) > 0) return colour
    }
    return 'rgb(255, 255, 255)'
  }
  return selectors.map((selector) => {
    const element = document.querySelector(selector)
    if (element === null) return { selector, ratio: 0 }
    const text = luminance(getComputedStyle(element).color)
    const background = luminance(backgroundOf(element))
    const ratio = (Math.max(text, background) + 0.05) / (Math.min(text, background) + 0.05)
    return { selector, ratio: Math.round(ratio * 100) / 100 }
  })
}

describe('the Link page accessibility', () => {
  it('keeps every kind of text at a contrast of at least 4.5:1', async () => {
    await withPage(async (page) => {
      await openLink(page)
      await submitKey(page, 'pk_wrong')
      await page.getByRole('alert').getByText('PayFit doesn’t recognise this key').waitFor()

      const readings = await page.evaluate(measureContrast, [
        'h1',
        '.summary',
        '.meta',
        '.hint',
        '.steps li',
        '.steps a',
        '.scope-purpose',
        '.optional summary',
        'label',
        '#toggle-key',
        '#connect-button',
        '.alert-title',
        '.alert p:last-child',
        '.reassure',
        '.footer',
        '.secure',
      ])
      for (const reading of readings) {
        expect(reading.ratio, reading.selector).toBeGreaterThanOrEqual(4.5)
      }
    })
  })

  it('keeps the scope marks, the reused-link notice and the success note at 4.5:1 or more', async () => {
    await withPage(async (page) => {
      const session = await backend.createSession()
      await page.goto(session.linkUrl)
      await submitKey(page, backend.keys.read_only)
      await page
        .getByRole('alert')
        .getByText(/This key is missing/)
        .waitFor()
      const marks = await page.evaluate(measureContrast, [
        '[data-state="granted"] .scope-status',
        '[data-state="missing"] .scope-status',
      ])

      await submitKey(page, backend.keys.guide)
      await page.locator('#optional-note').waitFor()
      const note = await page.evaluate(measureContrast, [
        '.optional-note-title',
        '.optional-note p',
      ])

      await page.goto(session.linkUrl)
      await page.locator('#linked-notice').waitFor()
      const notice = await page.evaluate(measureContrast, ['#linked-notice'])

      for (const reading of [...marks, ...note, ...notice]) {
        expect(reading.ratio, reading.selector).toBeGreaterThanOrEqual(4.5)
      }
    })
  })

  it('drops transitions and animations when the system asks for reduced motion', async () => {
    const transition = (page: Page) =>
      page.evaluate(
        () =>
          getComputedStyle(document.getElementById('connect-button') ?? document.body)
            .transitionDuration,
      )

    await withPage(async (page) => {
      await openLink(page)
      expect(await transition(page)).not.toBe('0s')
    })
    await withPage(
      async (page) => {
        await openLink(page)
        expect(await transition(page)).toBe('0s')
        await saveScreenshot(page, 'form-reduced-motion')
      },
      { reducedMotion: 'reduce' },
    )
  })
})
