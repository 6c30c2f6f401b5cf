import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.ts'
import {
  createClient,
  createSession,
  linkAccount,
  startTestHub,
  type Client,
  type TestHub,
} from '../harness.ts'

let sandbox: RunningSandbox
let hub: TestHub
let client: Client
let firstKey: string
let secondKey: string

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 31, employees: 2, countries: ['FR', 'FR'] })
  hub = await startTestHub({ payfitUrl: sandbox.url })
  client = createClient(hub.url)
  firstKey = sandbox.companies[0]?.keys.full ?? ''
  secondKey = sandbox.companies[1]?.keys.full ?? ''
})

afterAll(async () => {
  await hub.close()
  await sandbox.close()
})

const owner = (id: string) => ({ origin_owner_id: id, origin_owner_name: id })

async function settings(token: string) {
  const response = await client.request('GET', '/hub/settings', { sessionToken: token })
  expect(response.status).toBe(200)
  return (response.body as { session: { linked_account?: { id: string } } }).session
}

describe('connect sessions and the companies they link', () => {
  it('refuse a second company for the same owner without multiple, and relink the first', async () => {
    const first = await createSession(client, hub.apiKey, owner('owner-single'))
    const linked = await linkAccount(client, first.token, firstKey)
    expect(linked.status).toBe(201)

    const second = await createSession(client, hub.apiKey, owner('owner-single'))
    const refused = await linkAccount(client, second.token, secondKey)
    expect(refused.status).toBe(409)
    expect((refused.body as { message: string }).message).toContain('another company')

    const relinked = await linkAccount(client, second.token, firstKey)
    expect(relinked.status).toBe(201)
    expect((relinked.body as { id: string }).id).toBe((linked.body as { id: string }).id)
  })

  it('link each company as its own account with multiple', async () => {
    const first = await createSession(client, hub.apiKey, owner('owner-many'))
    const one = await linkAccount(client, first.token, firstKey)
    const several = await createSession(client, hub.apiKey, {
      ...owner('owner-many'),
      multiple: true,
    })
    const two = await linkAccount(client, several.token, secondKey)

    expect([one.status, two.status]).toEqual([201, 201])
    expect((two.body as { id: string }).id).not.toBe((one.body as { id: string }).id)
  })

  it('name in the settings only the account the session itself linked', async () => {
    const unused = await createSession(client, hub.apiKey, owner('owner-settings'))
    const used = await createSession(client, hub.apiKey, owner('owner-settings'))
    expect(await settings(used.token)).not.toHaveProperty('linked_account')

    const linked = await linkAccount(client, used.token, firstKey)
    expect(linked.status).toBe(201)

    expect((await settings(used.token)).linked_account?.id).toBe((linked.body as { id: string }).id)
    expect(await settings(unused.token)).not.toHaveProperty('linked_account')
  })
})
