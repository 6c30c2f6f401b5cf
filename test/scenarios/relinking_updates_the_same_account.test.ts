import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createSession, linkAccount, startScenario, type Scenario } from '../harness.ts'

let scenario: Scenario

beforeAll(async () => {
  scenario = await startScenario({ seed: 12, employees: 3 })
})

afterAll(() => scenario.close())

async function accountsOf(owner: string) {
  const listed = await scenario.client.request('GET', `/accounts?origin_owner_id=${owner}`, {
    apiKey: scenario.hub.apiKey,
  })
  return listed.body as { id: string }[]
}

describe('relinking', () => {
  it('keeps the same account id and stores the new key when an owner links the same company again', async () => {
    const first = await createSession(scenario.client, scenario.hub.apiKey, {
      origin_owner_id: 'relinker',
    })
    const linked = await linkAccount(scenario.client, first.token, scenario.keys.guide)
    const second = await createSession(scenario.client, scenario.hub.apiKey, {
      origin_owner_id: 'relinker',
    })
    const relinked = await linkAccount(scenario.client, second.token, scenario.keys.full)

    expect(linked.status).toBe(201)
    expect(relinked.status).toBe(201)
    const id = (linked.body as { id: string }).id
    expect((relinked.body as { id: string }).id).toBe(id)
    expect(await accountsOf('relinker')).toHaveLength(1)
    const credentials = await scenario.hub.hub.services.accounts.openCredentials(
      scenario.hub.project.id,
      id,
    )
    expect(credentials.api_key).toBe(scenario.keys.full)
  })

  it('gives another owner linking the same company an account of their own', async () => {
    const mine = await createSession(scenario.client, scenario.hub.apiKey, {
      origin_owner_id: 'owner-a',
    })
    const theirs = await createSession(scenario.client, scenario.hub.apiKey, {
      origin_owner_id: 'owner-b',
    })
    const a = await linkAccount(scenario.client, mine.token, scenario.keys.guide)
    const b = await linkAccount(scenario.client, theirs.token, scenario.keys.guide)

    expect((a.body as { id: string }).id).not.toBe((b.body as { id: string }).id)
  })

  it('creates exactly one account when the same session submits twice at once', async () => {
    const { token } = await createSession(scenario.client, scenario.hub.apiKey, {
      origin_owner_id: 'double-clicker',
    })
    const [first, second] = await Promise.all([
      linkAccount(scenario.client, token, scenario.keys.guide),
      linkAccount(scenario.client, token, scenario.keys.guide),
    ])

    expect([first.status, second.status]).toEqual([201, 201])
    expect((first.body as { id: string }).id).toBe((second.body as { id: string }).id)
    expect(await accountsOf('double-clicker')).toHaveLength(1)
  })
})
