import { describe, expect, it } from 'vitest'

import { saveScreenshot } from './browser.ts'
import { apiKeyField, eventsOf, submitKey, useStackOneHub } from './stackone-hub-fixture.ts'
import { hubEvents } from './stackone-hub-page.ts'

// StackOne's own `<stackone-hub>` 1.11.4, unmodified, embedded on another loopback origin and
// pointed at Passerelle (contract §5): the PayFit admin's path through it.

const hub = useStackOneHub()

describe('<stackone-hub> linking PayFit through Passerelle', () => {
  it('auto-selects PayFit, the only integration, and renders our API key field and guidance', async () => {
    const { token } = await hub.backend.createSession()
    const page = await hub.openPayfitForm(token)

    await expect(page.getByText('PayFit', { exact: true }).isVisible()).resolves.toBe(true)
    await expect(page.getByRole('button', { name: 'Back' }).count()).resolves.toBe(0)
    await expect(apiKeyField(page).getAttribute('type')).resolves.toBe('password')
    await expect(apiKeyField(page).getAttribute('placeholder')).resolves.toBe(
      'Paste your PayFit API key',
    )
    // The field's description is Markdown: the bold menu path arrives as <strong>.
    const menuPath = page.locator('strong', { hasText: 'Integrations → API access' })
    await expect(menuPath.isVisible()).resolves.toBe(true)
    await expect(page.getByText(/The key needs these 9 scopes/).isVisible()).resolves.toBe(true)
    await expect(
      page.getByRole('button', { name: 'Connect', exact: true }).isDisabled(),
    ).resolves.toBe(true)
    await saveScreenshot(page, 'stackone-hub-form')
    expect(hub.pageErrors).toEqual([])
  })

  it('links the guide key, fires success with the active account, then close', async () => {
    const session = await hub.backend.createSession()
    const page = await hub.openPayfitForm(session.token)
    await submitKey(page, hub.backend.keys.guide)

    await page.getByText('Connection Successful').waitFor()
    await expect(
      page.getByText('Account successfully connected to PayFit').isVisible(),
    ).resolves.toBe(true)
    const accounts = await hub.backend.listAccounts(session.ownerId)
    expect(accounts).toHaveLength(1)
    expect(accounts[0]?.status).toBe('active')
    const [success] = await eventsOf(page, 'success')
    expect(success?.detail).toEqual({ id: accounts[0]?.id, provider: 'payfit' })
    await saveScreenshot(page, 'stackone-hub-success')

    await page.getByRole('button', { name: 'Close', exact: true }).click()
    await expect(eventsOf(page, 'close')).resolves.toEqual([{ type: 'close', detail: null }])
    expect(hub.pageErrors).toEqual([])
  })

  it('shows our message and, expanded, the provider response for a key PayFit does not know', async () => {
    const session = await hub.backend.createSession()
    const page = await hub.openPayfitForm(session.token)
    await submitKey(page, 'k'.repeat(43))

    await page.getByText('PayFit does not recognise this API key', { exact: false }).waitFor()
    await page.getByRole('button', { name: 'Expand' }).click()
    await page.getByText('PayFit reports the key as inactive.').waitFor()
    await saveScreenshot(page, 'stackone-hub-invalid-key')

    await expect(hubEvents(page)).resolves.toEqual([])
    await expect(hub.backend.listAccounts(session.ownerId)).resolves.toEqual([])
  })

  it('names every missing scope when the key is read-only, and links nothing', async () => {
    const session = await hub.backend.createSession()
    const page = await hub.openPayfitForm(session.token)
    await submitKey(page, hub.backend.keys.read_only)

    const title = page.getByText(/This PayFit key is missing 8 required scopes/)
    await title.waitFor()
    for (const scope of ['collaborators:contracts:read', 'contracts:read', 'collaborators:write']) {
      await expect(title.innerText()).resolves.toContain(scope)
    }
    await page.getByRole('button', { name: 'Expand' }).click()
    await page.getByText('Create a new key with these scopes as well:').waitFor()
    await expect(
      page.getByText('- contracts:time-information:read: read weekly hours').isVisible(),
    ).resolves.toBe(true)
    await saveScreenshot(page, 'stackone-hub-missing-scopes')

    await expect(hubEvents(page)).resolves.toEqual([])
    await expect(hub.backend.listAccounts(session.ownerId)).resolves.toEqual([])
  })
})
