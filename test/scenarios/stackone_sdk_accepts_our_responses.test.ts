import { StackOne } from '@stackone/stackone-client-ts'
import { ConnectSessionCreateCategories } from '@stackone/stackone-client-ts/sdk/models/shared/index.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { linkAccountId, startScenario, type Scenario, type TestHub } from '../harness.ts'

let scenario: Scenario
let hub: TestHub
let stackOne: StackOne

beforeAll(async () => {
  scenario = await startScenario({ seed: 16, employees: 3 })
  hub = scenario.hub
  stackOne = new StackOne({
    serverURL: hub.url,
    security: { username: hub.apiKey, password: '' },
    retryConfig: { strategy: 'none' },
  })
})

afterAll(() => scenario.close())

describe("StackOne's official SDK against the hub", () => {
  it('creates a connect session, authenticates it, and manages the linked account', async () => {
    const created = await stackOne.connectSessions.createConnectSession({
      originOwnerId: 'sdk-owner',
      originOwnerName: 'SDK Owner',
      provider: 'payfit',
      categories: [ConnectSessionCreateCategories.Hris],
      metadata: { source: 'test' },
      expiresIn: 600,
    })
    const session = created.connectSessionTokenAuthLink
    expect(created.statusCode).toBe(201)
    expect(session?.authLinkUrl).toBe(`${hub.hub.publicUrl}/link?token=${session?.token ?? ''}`)
    expect(typeof session?.id).toBe('number')
    expect(hub.hub.publicUrl).toBe(`http://localhost:${new URL(hub.url).port}`)

    const authenticated = await stackOne.connectSessions.authenticateConnectSession({
      token: session?.token ?? '',
    })
    expect(authenticated.connectSession?.id).toBe(session?.id)

    const accountId = await linkAccountId(
      scenario.client,
      session?.token ?? '',
      scenario.keys.guide,
    )

    const listed = await stackOne.accounts.listLinkedAccounts({
      originOwnerIds: ['sdk-owner'],
      providers: ['payfit'],
      status: ['active'],
      page: 1,
      pageSize: 10,
    })
    expect(listed.classes?.map((account) => account.id)).toEqual([accountId])

    const fetched = await stackOne.accounts.getAccount({ id: accountId })
    expect(fetched.linkedAccount).toMatchObject({
      id: accountId,
      provider: 'payfit',
      originOwnerId: 'sdk-owner',
      status: 'active',
    })
    expect(fetched.linkedAccount?.createdAt).toBeInstanceOf(Date)

    await hub.hub.services.accounts.recordError(hub.project.id, accountId, {
      code: 'invalid_credentials',
      description: 'PayFit refused the stored key',
    })
    const failing = await stackOne.accounts.getAccount({ id: accountId })
    expect(failing.linkedAccount?.status).toBe('error')
    expect(failing.linkedAccount?.statusReasons?.[0]).toMatchObject({
      code: 'invalid_credentials',
      timestamp: expect.any(Date) as Date,
    })

    const meta = await stackOne.accounts.getAccountMetaInfo({ id: accountId })
    expect(meta.linkedAccountMeta).toMatchObject({ provider: 'payfit', category: 'hris' })

    const updated = await stackOne.accounts.updateAccount({
      id: accountId,
      patchAccountExternalDto: { originOwnerName: 'Renamed Owner', credentials: {} },
    })
    expect(updated.linkedAccount?.originOwnerName).toBe('Renamed Owner')

    const deleted = await stackOne.accounts.deleteAccount({ id: accountId })
    expect(deleted.linkedAccount?.id).toBe(accountId)

    const after = await stackOne.accounts.listLinkedAccounts({})
    expect(after.classes).toEqual([])
  })

  it('surfaces a missing account as the SDK typed 404 error', async () => {
    await expect(stackOne.accounts.getAccount({ id: 'acc_missing' })).rejects.toMatchObject({
      statusCode: 404,
      name: 'NotFoundResponse',
    })
  })

  it('surfaces a wrong API key as the SDK typed 401 error', async () => {
    const stranger = new StackOne({
      serverURL: hub.url,
      security: { username: 'psk_wrong_key_000000000000000000', password: '' },
      retryConfig: { strategy: 'none' },
    })
    await expect(stranger.accounts.listLinkedAccounts({})).rejects.toMatchObject({
      statusCode: 401,
      name: 'UnauthorizedResponse',
    })
  })
})
