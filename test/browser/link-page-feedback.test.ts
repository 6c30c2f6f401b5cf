import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { guideScopes } from '../../src/sandbox/scopes.ts'
import { optionalScopes } from '../../src/connectors/payfit/descriptor.ts'
import { launchChromium, saveScreenshot } from './browser.ts'
import { startRealHub, type RealLinkBackend } from './real-hub.ts'

// What the page says around a check, against the real hub and the PayFit sandbox: the scope
// checklist before and after a refusal, the placeholder, the confirmation, a reused link and a
// made-up token.

const desktop = { width: 1280, height: 900 }
const phone = { width: 375, height: 740 }
const narrowPhone = { width: 390, height: 844 }

let browser: Browser
let backend: RealLinkBackend
let context: BrowserContext

beforeAll(async () => {
  browser = await launchChromium()
  backend = await startRealHub()
})

afterAll(async () => {
  await backend.close()
  await browser.close()
})

beforeEach(async () => {
  context = await browser.newContext({ viewport: desktop })
})

afterEach(async () => {
  await context.close()
})

async function openUrl(url: string, viewport = desktop): Promise<Page> {
  const page = await context.newPage()
  await page.setViewportSize(viewport)
  await page.goto(url)
  return page
}

async function openLink(viewport = desktop): Promise<{ page: Page; linkUrl: string }> {
  const { linkUrl } = await backend.createSession()
  const page = await openUrl(linkUrl, viewport)
  await page.getByRole('heading', { name: 'Connect your PayFit account' }).waitFor()
  return { page, linkUrl }
}

async function submitKey(page: Page, apiKey: string): Promise<void> {
  await page.getByLabel('API Key', { exact: true }).fill(apiKey)
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
}

interface ChecklistItem {
  scope: string
  text: string
  icon: string
}

/** Each scope of a list with its visible text and the icon its `::before` draws. */
function checklist(page: Page, selector: string): Promise<ChecklistItem[]> {
  return page.locator(selector).evaluateAll((items) =>
    items.map((item) => ({
      scope: item.querySelector('code')?.textContent ?? '',
      text: item.textContent,
      icon: getComputedStyle(item, '::before').content,
    })),
  )
}

describe('the scope checklist', () => {
  it('shows empty boxes before a check, then marks each scope missing or in the key', async () => {
    const { page } = await openLink()

    const before = await checklist(page, '#required-scopes li')
    expect(before.map((item) => item.scope)).toEqual(
      expect.arrayContaining([...guideScopes]) as string[],
    )
    for (const item of before) {
      expect(item.text).not.toMatch(/Missing|In your key/)
      expect(item.icon).not.toContain('✓')
    }

    await submitKey(page, backend.keys.read_only)
    const alert = page.getByRole('alert')
    await alert.getByText(/This key is missing \d+ scopes/).waitFor()
    const missingInAlert = await alert.locator('li code').allTextContents()

    const after = await checklist(page, '#required-scopes li')
    const missing = after.filter((item) => item.text.includes('Missing'))
    const granted = after.filter((item) => item.text.includes('In your key'))
    expect(missing.map((item) => item.scope).sort()).toEqual([...missingInAlert].sort())
    expect(granted.map((item) => item.scope)).toEqual(['collaborators:read'])
    expect(missing.length + granted.length).toBe(after.length)
    expect(granted[0]?.icon).toContain('✓')
    for (const item of missing) expect(item.icon).toContain('✕')
  })

  it('draws optional scopes with another icon than missing ones', async () => {
    const { page } = await openLink()
    await submitKey(page, backend.keys.read_only)
    await page
      .getByRole('alert')
      .getByText(/This key is missing/)
      .waitFor()

    const [optional] = await checklist(page, '#optional-scopes li')
    const [missingInAlert] = await checklist(page, '[role="alert"] li')
    expect(optional?.icon).toContain('+')
    expect(missingInAlert?.icon).toContain('✕')
    expect(optional?.icon).not.toBe(missingInAlert?.icon)
  })

  it('advises a new key and selects the old one in the field so a paste replaces it', async () => {
    const { page } = await openLink()
    await submitKey(page, backend.keys.read_only)
    const alert = page.getByRole('alert')
    await alert.getByText(/This key is missing/).waitFor()

    await expect(alert.textContent()).resolves.toMatch(
      /create a new key .*shows a new key only once/,
    )
    const selection = await page.locator('#api-key').evaluate((input: HTMLInputElement) => ({
      focused: document.activeElement === input,
      selected: input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0),
    }))
    expect(selection).toEqual({ focused: true, selected: backend.keys.read_only })
    await page.keyboard.type(backend.keys.guide)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: `${backend.companyName} is connected` }).waitFor()
  })
})

describe('the key field', () => {
  it('shows its whole placeholder on a desktop and on a phone', async () => {
    for (const viewport of [desktop, narrowPhone]) {
      const { page } = await openLink(viewport)
      const fit = await page.locator('#api-key').evaluate((input: HTMLInputElement) => {
        const style = getComputedStyle(input)
        const placeholder = getComputedStyle(input, '::placeholder')
        const context2d = document.createElement('canvas').getContext('2d')
        if (context2d === null) return null
        context2d.font = `${placeholder.fontWeight} ${placeholder.fontSize} ${placeholder.fontFamily}`
        return {
          placeholder: input.placeholder,
          textWidth: context2d.measureText(input.placeholder).width,
          room: input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
        }
      })
      expect(fit?.placeholder).toBe('Paste your PayFit API key')
      expect(fit?.textWidth).toBeLessThan(fit?.room ?? 0)
      await saveScreenshot(page, 'form')
    }
  })

  it('loads the PayFit mark from the hub', async () => {
    const { page } = await openLink()
    const logo = page.locator('#provider-logo')
    await logo.waitFor()
    const width = await logo.evaluate((image: HTMLImageElement) => image.naturalWidth)
    expect(width).toBeGreaterThan(0)
    await expect(page.locator('#provider-monogram').isVisible()).resolves.toBe(false)
  })
})

describe('the confirmation', () => {
  it('names the company and lists the optional scopes the key does not share', async () => {
    for (const viewport of [desktop, phone]) {
      const { page } = await openLink(viewport)
      await submitKey(page, backend.keys.guide)

      await page.getByRole('heading', { name: `${backend.companyName} is connected` }).waitFor()
      const note = page.locator('#optional-note')
      await expect(note.isVisible()).resolves.toBe(true)
      await expect(note.locator('li code').allTextContents()).resolves.toEqual(
        optionalScopes.map(({ scope }) => scope),
      )
      await expect(note.getAttribute('role')).resolves.toBeNull()
      await saveScreenshot(page, 'success')
    }
  })

  it('has no note when the key grants every optional scope', async () => {
    const key = await backend.mintKey([...guideScopes, ...optionalScopes.map((s) => s.scope)])
    const { page } = await openLink()
    await submitKey(page, key)

    await page.getByRole('heading', { name: `${backend.companyName} is connected` }).waitFor()
    await expect(page.locator('#optional-note').isVisible()).resolves.toBe(false)
  })
})

describe('a link opened again', () => {
  it('says which company it already connected before a new key replaces it', async () => {
    for (const viewport of [desktop, phone]) {
      const { page, linkUrl } = await openLink(viewport)
      const notice = page.locator('#linked-notice')
      await expect(notice.isVisible()).resolves.toBe(false)
      await submitKey(page, backend.keys.guide)
      await page.getByRole('heading', { name: /is connected/ }).waitFor()

      const again = await openUrl(linkUrl, viewport)
      await again.getByRole('heading', { name: 'Connect your PayFit account' }).waitFor()
      await again
        .locator('#linked-notice')
        .getByText(/already connected/)
        .waitFor()
      await expect(again.locator('#linked-notice').textContent()).resolves.toBe(
        `This link already connected ${backend.companyName}. Paste a new key only to replace it.`,
      )
      await expect(again.locator('#linked-notice').isVisible()).resolves.toBe(true)
      await expect(
        again.getByLabel('API Key', { exact: true }).getAttribute('aria-describedby'),
      ).resolves.toContain('linked-notice')
      await saveScreenshot(again, 'reused-link')
    }
  })
})

describe('a link with a made-up token', () => {
  it('says the link is invalid or has expired, without claiming which', async () => {
    for (const viewport of [desktop, phone]) {
      const page = await openUrl(`${backend.url}/link?token=cst_made_up_by_someone`, viewport)

      await page.getByRole('heading', { name: 'This link is invalid or has expired' }).waitFor()
      await expect(page.getByText('ask it for a new one').isVisible()).resolves.toBe(true)
      await expect(page.getByLabel('API Key', { exact: true }).isVisible()).resolves.toBe(false)
      await saveScreenshot(page, 'invalid-link')
    }
  })
})
