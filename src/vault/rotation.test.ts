import { randomBytes } from 'node:crypto'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { accountRow, tempDatabases } from '../../test/temp-store.ts'
import { ConfigError } from '../config.ts'
import { openStore, type Store } from '../store/database.ts'
import { countCredentialsByKeyId, refuseUnknownVaultKeys, resealCredentials } from './rotation.ts'
import { createVault, envelopeKeyId, type Vault } from './vault.ts'

const oldKey = randomBytes(32)
const newKey = randomBytes(32)
const accountCount = 7

const databases = tempDatabases('passerelle-rotation-')
let store: Store

beforeEach(async () => {
  store = await openStore(databases.create().url)
  const project = await store.projects.findOrCreate({
    id: 'prj_1',
    name: 'p',
    createdAt: '2026-01-01T00:00:00.000Z',
  })
  const sealer = createVault([oldKey])
  for (let index = 0; index < accountCount; index++) {
    const id = `acc_${String(index).padStart(2, '0')}`
    await store.accounts.insertIfAbsent(
      accountRow({
        id,
        project_id: project.id,
        external_id: 'company-1',
        credentials: sealer.seal(JSON.stringify({ api_key: `key-of-${id}` }), id),
      }),
    )
  }
})

afterEach(async () => {
  await store.close()
  databases.removeAll()
})

async function openAll(vault: Vault): Promise<Record<string, string>> {
  const rows = await store.accounts.listCredentials(null, 100)
  return Object.fromEntries(
    rows.map((row) => [
      row.id,
      (JSON.parse(vault.open(row.credentials, row.id)) as { api_key: string }).api_key,
    ]),
  )
}

describe('resealCredentials', () => {
  it('re-seals every credential under the new key in batches, keeping each one readable', async () => {
    const batches: number[] = []
    const report = await resealCredentials(store.accounts, createVault([newKey, oldKey]), {
      batchSize: 3,
      onBatch: (progress) => batches.push(progress.resealed),
    })

    expect(report).toEqual({ resealed: 7, alreadyCurrent: 0, changedMeanwhile: 0, unreadable: 0 })
    expect(batches).toEqual([3, 6, 7])
    const opened = await openAll(createVault([newKey]))
    expect(Object.keys(opened)).toHaveLength(accountCount)
    for (const [id, apiKey] of Object.entries(opened)) expect(apiKey).toBe(`key-of-${id}`)
  })

  it('skips what is already under the new key, so an interrupted run finishes when run again', async () => {
    const vault = createVault([newKey, oldKey])
    let stopAfterFirstBatch = true
    await expect(
      resealCredentials(store.accounts, vault, {
        batchSize: 3,
        onBatch: () => {
          if (stopAfterFirstBatch) throw new Error('interrupted')
        },
      }),
    ).rejects.toThrow('interrupted')
    stopAfterFirstBatch = false

    const resumed = await resealCredentials(store.accounts, vault, { batchSize: 3 })
    expect(resumed).toMatchObject({ resealed: 4, alreadyCurrent: 3 })
    const again = await resealCredentials(store.accounts, vault, { batchSize: 3 })
    expect(again).toMatchObject({ resealed: 0, alreadyCurrent: 7 })
  })

  it('counts what no key opens and leaves it untouched', async () => {
    const report = await resealCredentials(store.accounts, createVault([newKey]))
    expect(report).toMatchObject({ resealed: 0, unreadable: 7 })
    const counts = await countCredentialsByKeyId(store.accounts)
    expect([...counts]).toEqual([[createVault([oldKey]).currentKeyId, 7]])
  })

  it('does not overwrite an envelope that changed after it was read', async () => {
    const [row] = await store.accounts.listCredentials(null, 1)
    if (row === undefined) throw new Error('no row')
    const changed = await store.accounts.replaceCredentials([
      { id: row.id, from: 'v1.someone.else.wrote.this', to: 'v1.x.y.z.w' },
    ])
    expect(changed).toBe(0)
    expect((await store.accounts.listCredentials(null, 1))[0]?.credentials).toBe(row.credentials)
  })
})

describe('refuseUnknownVaultKeys', () => {
  it('accepts a vault holding the key of every stored envelope', async () => {
    await expect(
      refuseUnknownVaultKeys(
        store.accounts,
        createVault([newKey, oldKey]),
        'PASSERELLE_MASTER_KEY',
      ),
    ).resolves.toBeUndefined()
  })

  it('names the source and the missing key id, never a key', async () => {
    const oldKeyId = envelopeKeyId(createVault([oldKey]).seal('x', 'y'))
    const refusal = refuseUnknownVaultKeys(store.accounts, createVault([newKey]), 'master.key')
    await expect(refusal).rejects.toThrow(ConfigError)
    await expect(refusal).rejects.toThrow(`7 under key id ${String(oldKeyId)}`)
    await expect(refusal).rejects.not.toThrow(oldKey.toString('base64'))
  })
})
