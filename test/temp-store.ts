import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { openStore, type Store } from '../src/store/database.ts'
import type { AccountRow, NewAccountRow } from '../src/store/schema.ts'

export interface TempDatabase {
  url: string
  file: string
}

/**
 * SQLite database locations in fresh temporary folders. Nothing is created on disk but the
 * folder, so a test can check what opening the store creates; `removeAll` deletes every folder
 * handed out so far (call it from `afterEach`, after closing the stores).
 */
export function tempDatabases(prefix = 'passerelle-store-') {
  const dirs: string[] = []
  return {
    /** `relativePath` may go through folders that do not exist yet. */
    create(relativePath = 'passerelle.db'): TempDatabase {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
      dirs.push(dir)
      const file = path.join(dir, relativePath)
      return { url: `sqlite://${file}`, file }
    },
    removeAll(): void {
      for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A migrated store in a fresh temporary folder, for tests; `dispose` closes it and removes the folder. */
export async function openTemporaryStore(): Promise<{
  store: Store
  file: string
  dispose(): Promise<void>
}> {
  const databases = tempDatabases()
  const { url, file } = databases.create()
  const store = await openStore(url)
  return {
    store,
    file,
    async dispose() {
      await store.close()
      databases.removeAll()
    },
  }
}

/** An account row with placeholder values (nothing opens its envelope); `overrides` win. */
export function accountRow(
  overrides: Partial<NewAccountRow> & Pick<NewAccountRow, 'id'>,
): NewAccountRow {
  const createdAt = '2026-01-01T00:00:00.000Z'
  return {
    project_id: 'prj_test',
    provider: 'payfit',
    origin_owner_id: `owner-${overrides.id}`,
    origin_owner_name: 'Owner',
    origin_username: null,
    label: null,
    type: 'production',
    external_id: `company-${overrides.id}`,
    display_name: 'Company',
    country: 'FR',
    granted_scopes: '[]',
    status: 'active',
    status_reasons: '[]',
    credentials: 'v1.x.y.z.w',
    created_at: createdAt,
    updated_at: createdAt,
    ...overrides,
  }
}

/** A project and one account in it, with a placeholder envelope (nothing opens it). */
export async function seedAccount(store: Store, id = 'acc_test'): Promise<AccountRow> {
  await store.projects.findOrCreate({
    id: 'prj_test',
    name: 'test',
    createdAt: '2026-01-01T00:00:00.000Z',
  })
  const row = await store.accounts.insertIfAbsent(accountRow({ id }))
  if (row === undefined) throw new Error('the test account already exists')
  return row
}
