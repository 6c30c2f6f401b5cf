import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest'
import type { LinkSession } from './backend.ts'
import { launchChromium, saveScreenshot, startAppSite, waitFor, type AppSite } from './browser.ts'
import { startRealHub, type RealLinkBackend } from './real-hub.ts'

const desktop = { width: 1280, height: 900 }
const phone = { width: 375, height: 740 }

let browser: Browser
let backend: RealLinkBackend
let appSite: AppSite
let context: BrowserContext

beforeAll(async () => {
  browser = await launchChromium()
  backend = await startRealHub()
  appSite = await startAppSite()
})

afterAll(async () => {
  await appSite.close()
  await backend.close()
  await browser.close()
})

beforeEach(async () => {
  context = await browser.newContext({ viewport: desktop })
})

afterEach(async () => {
  await context.close()
})

async function openLink(viewport = desktop): Promise<{ page: Page; session: LinkSession }> {
  const session = await backend.createSession()
  const page = await context.newPage()
  await page.setViewportSize(viewport)
  await page.goto(session.linkUrl)
  await page.getByRole('heading', { name: 'Connect your PayFit account' }).waitFor()
  return { page, session }
}

async function submitKey(page: Page, apiKey: string): Promise<void> {
  await page.getByLabel('API Key', { exact: true }).fill(apiKey)
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
}

describe('the Link page with the guide key', () => {
  it('links an active account, tells the opener and returns to the app with the account id', async () => {
    const session = await backend.createSession({ returnUrl: `${appSite.url}/done?step=2` })
    const opener = await context.newPage()
    await opener.goto(appSite.url)
    const popupOpened = context.waitForEvent('page')
    await opener.evaluate((url) => window.open(url, 'passerelle-link'), session.linkUrl)
    const popup = await popupOpened

    await popup.getByRole('heading', { name: 'Connect your PayFit account' }).waitFor()
    await submitKey(popup, `  ${backend.keys.guide}\t `)

    await popup.getByRole('heading', { name: /connected/ }).waitFor()
    await expect(
      popup.getByRole('link', { name: 'Continue' }).getAttribute('href'),
    ).resolves.toMatch(/\/done\?step=2&account_id=/)
    await saveScreenshot(popup, 'success')

    const accounts = await backend.listAccounts(session.ownerId)
    expect(accounts).toHaveLength(1)
    expect(accounts[0]?.status).toBe('active')
    const accountId = accounts[0]?.id

    const received = await waitFor('the opener to receive a message', async () => {
      const messages = await opener.evaluate(
        () => (window as unknown as { received: { origin: string; data: unknown }[] }).received,
      )
      return messages.length > 0 ? messages : undefined
    })
    expect(received).toEqual([
      {
        origin: new URL(session.linkUrl).origin,
        data: { type: 'AccountConnected', account: { id: accountId, provider: 'payfit' } },
      },
    ])

    for (const key of Object.values(backend.keys)) expect(backend.logText()).not.toContain(key)

    await popup.waitForURL(`${appSite.url}/done?step=2&account_id=${String(accountId)}`, {
      timeout: 10_000,
    })
  })
})

describe('the Link page refuses a key PayFit will not accept', () => {
  it('says a wrong key is not recognised and links nothing', async () => {
    const { page, session } = await openLink()
    await submitKey(page, 'pk_this_is_not_a_key')

    const alert = page.getByRole('alert')
    await alert.getByText('PayFit doesn’t recognise this key').waitFor()
    await expect(
      page.getByLabel('API Key', { exact: true }).getAttribute('aria-invalid'),
    ).resolves.toBe('true')
    await saveScreenshot(page, 'invalid-key')
    expect(await backend.listAccounts(session.ownerId)).toHaveLength(0)
  })

  it('gives the same advice for a revoked key', async () => {
    const { page, session } = await openLink(phone)
    await submitKey(page, backend.keys.revoked)

    const alert = page.getByRole('alert')
    await alert.getByText('PayFit doesn’t recognise this key').waitFor()
    await expect(alert.textContent()).resolves.toContain('revoked or deleted')
    await saveScreenshot(page, 'invalid-key')
    expect(await backend.listAccounts(session.ownerId)).toHaveLength(0)
  })

  it('lists each missing scope by name with what it is for when the key lacks scopes', async () => {
    for (const viewport of [desktop, phone]) {
      const { page, session } = await openLink(viewport)
      await submitKey(page, backend.keys.read_only)

      const alert = page.getByRole('alert')
      await alert.getByText(/This key is missing \d+ scopes?/).waitFor()
      const scopeNames = await alert.locator('li code').allTextContents()
      expect(scopeNames.length).toBeGreaterThan(0)
      expect(scopeNames).not.toContain('collaborators:read')
      expect(scopeNames).toContain('contracts:read')
      await expect(alert.textContent()).resolves.toContain('create a new key')
      await expect(alert.textContent()).resolves.not.toContain('edit this key')
      await saveScreenshot(page, 'missing-scopes')
      expect(await backend.listAccounts(session.ownerId)).toHaveLength(0)
    }
  })
})

describe('the Link page when the session cannot be used', () => {
  it('asks for a new link and hides the form when the session has expired', async () => {
    const session = await backend.createExpiredSession()
    const page = await context.newPage()
    await page.goto(session.linkUrl)

    await page.getByRole('heading', { name: 'This link is invalid or has expired' }).waitFor()
    await expect(page.getByText('ask it for a new one').isVisible()).resolves.toBe(true)
    await expect(page.getByLabel('API Key', { exact: true }).isVisible()).resolves.toBe(false)
    await saveScreenshot(page, 'expired')
  })
})

describe('the Link page Connect button', () => {
  it('sends one request and links one account when double-clicked', async () => {
    const { page, session } = await openLink()
    let accountRequests = 0
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/hub/accounts')) accountRequests++
    })

    await page.getByLabel('API Key', { exact: true }).fill(backend.keys.guide)
    await page.getByRole('button', { name: 'Connect', exact: true }).dblclick()

    await page.getByRole('heading', { name: /connected/ }).waitFor()
    expect(accountRequests).toBe(1)
    expect(await backend.listAccounts(session.ownerId)).toHaveLength(1)
  })
})

async function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '')
}

describe('the Link page by keyboard alone', () => {
  it('reaches the key field, pastes, reveals the key and connects with Enter', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    const { page, session } = await openLink()

    const visited: string[] = []
    await waitFor('the API key field to take focus', async () => {
      await page.keyboard.press('Tab')
      const id = await focusedId(page)
      visited.push(id)
      return id === 'api-key' || visited.length > 30 ? id : undefined
    })
    expect(visited.at(-1)).toBe('api-key')

    await page.evaluate((key) => navigator.clipboard.writeText(`${key}\n`), backend.keys.guide)
    await page.keyboard.press('Control+V')
    await page.keyboard.press('Tab')
    expect(await focusedId(page)).toBe('toggle-key')
    await page.keyboard.press('Space')
    await expect(page.locator('#toggle-key').getAttribute('aria-pressed')).resolves.toBe('true')
    await expect(page.locator('#api-key').getAttribute('type')).resolves.toBe('text')

    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: /connected/ }).waitFor()
    expect(await focusedId(page)).toBe('success-title')
    expect(await backend.listAccounts(session.ownerId)).toHaveLength(1)
  })
})

describe('the Link page on a 375 px wide phone', () => {
  it('fits the screen without sideways scrolling and links the account', async () => {
    const { page, session } = await openLink(phone)

    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(pageWidth).toBeLessThanOrEqual(phone.width)
    await saveScreenshot(page, 'form')
    await page.getByRole('link', { name: 'Already have a key? Go to the key field' }).click()
    expect(await focusedId(page)).toBe('api-key')

    await submitKey(page, backend.keys.guide)
    await page.getByRole('heading', { name: /connected/ }).waitFor()
    await saveScreenshot(page, 'success')
    expect(await backend.listAccounts(session.ownerId)).toHaveLength(1)
  })
})
