import { describe, expect, it } from 'vitest'

import { saveScreenshot, waitFor } from './browser.ts'
import { apiKeyField, eventsOf, hostOf, submitKey, useStackOneHub } from './stackone-hub-fixture.ts'
import { hubEvents } from './stackone-hub-page.ts'

// `<stackone-hub>` 1.11.4 around the happy path: expiring sessions, editing a linked account,
// real cross-origin preflights, and a page that never reaches past loopback.

const hub = useStackOneHub()

function preflightsAnswered(): number {
  return hub.backend.testHub.logs
    .lines()
    .filter((line) => line.includes('"method":"OPTIONS"') && line.includes('"statusCode":204'))
    .length
}

describe('<stackone-hub> with an expired connect session', () => {
  it('shows its "no integrations" state without crashing when the link expired before opening', async () => {
    const session = await hub.backend.createSession()
    hub.backend.expireSessions()
    const page = await hub.openHub(session.token)

    await page.getByText('No configured integrations available.').waitFor()
    await expect(apiKeyField(page).count()).resolves.toBe(0)
    await saveScreenshot(page, 'stackone-hub-expired')
    expect(hub.pageErrors).toEqual([])
  })

  it('refuses to link once the session expires while the form is open', async () => {
    const session = await hub.backend.createSession()
    const page = await hub.openPayfitForm(session.token)
    hub.backend.expireSessions()
    await submitKey(page, hub.backend.keys.guide)

    await page.getByText('Failed to create account').waitFor()
    await expect(hubEvents(page)).resolves.toEqual([])
    await expect(hub.backend.listAccounts(session.ownerId)).resolves.toEqual([])
    expect(hub.pageErrors).toEqual([])
  })
})

describe('<stackone-hub> editing a linked account', () => {
  it('shows the stored key masked and replaces it through PATCH /hub/accounts/{id}', async () => {
    const first = await hub.backend.createSession()
    const linking = await hub.openPayfitForm(first.token)
    await submitKey(linking, hub.backend.keys.guide)
    const [linked] = await eventsOf(linking, 'success')
    const { id } = linked?.detail as { id: string }

    const edit = await hub.backend.createSession({ accountId: id, ownerId: first.ownerId })
    const page = await hub.openHub(edit.token)
    const stored = page.locator('input[name="api_key-display"]')
    await stored.waitFor()
    await expect(stored.inputValue()).resolves.toBe(`••••••••••${hub.backend.keys.guide.slice(-2)}`)
    await saveScreenshot(page, 'stackone-hub-edit')
    await page.getByRole('button', { name: 'Edit', exact: true }).click()
    await submitKey(page, hub.backend.keys.full)

    await page.getByText('Connection Successful').waitFor()
    await expect(eventsOf(page, 'success')).resolves.toEqual([
      { type: 'success', detail: { id, provider: 'payfit' } },
    ])
    const accounts = await hub.backend.listAccounts(first.ownerId)
    expect(accounts.map((account) => [account.id, account.status])).toEqual([[id, 'active']])
    const reopened = await hub.openHub(
      (await hub.backend.createSession({ accountId: id, ownerId: first.ownerId })).token,
    )
    await expect(reopened.locator('input[name="api_key-display"]').inputValue()).resolves.toBe(
      `••••••••••${hub.backend.keys.full.slice(-2)}`,
    )
  })
})

describe('<stackone-hub> on another origin', () => {
  it('gets its cross-origin calls through real CORS preflights answered by the hub', async () => {
    const before = preflightsAnswered()
    const session = await hub.backend.createSession()
    const page = await hub.openPayfitForm(session.token)
    await submitKey(page, hub.backend.keys.guide)
    await eventsOf(page, 'success')

    // settings, connectors, connectors/payfit and accounts: one preflight per URL at least.
    expect(preflightsAnswered() - before).toBeGreaterThanOrEqual(4)
  })

  it('never reaches past loopback: the connection guide link is stopped at the stand-in proxy', async () => {
    const session = await hub.backend.createSession()
    const page = await hub.openPayfitForm(session.token)
    const popup = page.context().waitForEvent('page')
    await page.getByRole('button', { name: 'Connection guide' }).click()
    await (await popup).waitForLoadState()

    const hosts = await waitFor('the guide link to reach the proxy', () => {
      const seen = hub.world.attempts.map((attempt) => hostOf(attempt))
      return Promise.resolve(seen.includes('developers.payfit.io') ? seen : undefined)
    })
    expect(hosts).toContain('developers.payfit.io')
    await expect(apiKeyField(page).isVisible()).resolves.toBe(true)
  })
})
