import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSandbox } from '../../src/sandbox/index.ts'
import {
  createClient,
  createSession,
  linkAccount,
  startTestHub,
  type Client,
  type TestHub,
} from '../harness.ts'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>

let sandbox: Sandbox
let hub: TestHub
let client: Client

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 12, employees: 3 })
  hub = await startTestHub({ payfitUrl: sandbox.url })
  client = createClient(hub.url)
})

afterAll(async () => {
  await hub.close()
  await sandbox.close()
})

function keys() {
  const first = sandbox.companies[0]
  if (first === undefined) throw new Error('the sandbox has no company')
  return first.keys
}

async function accountsOf(owner: string) {
  const listed = await client.request('GET', `/accounts?origin_owner_id=${owner}`, {
    apiKey: hub.apiKey,
  })
  return listed.body as { id: string }[]
}

describe('relinking', () => {
  it('keeps the same account id and stores the new key when an owner links the same company again', async () => {
    const first = await createSession(client, hub.apiKey, { origin_owner_id: 'relinker' })
    const linked = await linkAccount(client, first.token, keys().guide)
    const second = await createSession(client, hub.apiKey, { origin_owner_id: 'relinker' })
    const relinked = await linkAccount(client, second.token, keys().full)

    expect(linked.status).toBe(201)
    expect(relinked.status).toBe(201)
    const id = (linked.body as { id: string }).id
    expect((relinked.body as { id: string }).id).toBe(id)
    expect(await accountsOf('relinker')).toHaveLength(1)
    const credentials = await hub.hub.services.accounts.openCredentials(hub.project.id, id)
    expect(credentials.api_key).toBe(keys().full)
  })

  it('gives another owner linking the same company an account of their own', async () => {
    const mine = await createSession(client, hub.apiKey, { origin_owner_id: 'owner-a' })
    const theirs = await createSession(client, hub.apiKey, { origin_owner_id: 'owner-b' })
    const a = await linkAccount(client, mine.token, keys().guide)
    const b = await linkAccount(client, theirs.token, keys().guide)

    expect((a.body as { id: string }).id).not.toBe((b.body as { id: string }).id)
  })

  it('creates exactly one account when the same session submits twice at once', async () => {
    const { token } = await createSession(client, hub.apiKey, { origin_owner_id: 'double-clicker' })
    const [first, second] = await Promise.all([
      linkAccount(client, token, keys().guide),
      linkAccount(client, token, keys().guide),
    ])

    expect([first.status, second.status]).toEqual([201, 201])
    expect((first.body as { id: string }).id).toBe((second.body as { id: string }).id)
    expect(await accountsOf('double-clicker')).toHaveLength(1)
  })
})
