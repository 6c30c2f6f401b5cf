import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { openStore, type Store } from './database.ts'
import type { AccountRow } from './schema.ts'

/** A migrated store in a fresh temporary folder, for tests; `dispose` closes it and removes the folder. */
export async function openTemporaryStore(): Promise<{
  store: Store
  file: string
  dispose(): Promise<void>
}> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-store-'))
  const file = path.join(dir, 'passerelle.db')
  const store = await openStore(`sqlite://${file}`)
  return {
    store,
    file,
    async dispose() {
      await store.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A project and one account in it, with a placeholder envelope (nothing opens it). */
export async function seedAccount(store: Store, id = 'acc_test'): Promise<AccountRow> {
  const createdAt = '2026-01-01T00:00:00.000Z'
  await store.projects.findOrCreate({ id: 'prj_test', name: 'test', createdAt })
  const row = await store.accounts.insertIfAbsent({
    id,
    project_id: 'prj_test',
    provider: 'payfit',
    origin_owner_id: `owner-${id}`,
    origin_owner_name: 'Owner',
    origin_username: null,
    label: null,
    type: 'production',
    external_id: `company-${id}`,
    display_name: 'Company',
    country: 'FR',
    granted_scopes: '[]',
    status: 'active',
    status_reasons: '[]',
    credentials: 'v1.x.y.z.w',
    created_at: createdAt,
    updated_at: createdAt,
  })
  if (row === undefined) throw new Error('the test account already exists')
  return row
}
