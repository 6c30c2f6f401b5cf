import SqliteDatabase from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'

import { accountRow, tempDatabases } from '../../test/temp-store.ts'
import { openStore } from './database.ts'

const databases = tempDatabases()

afterEach(() => {
  databases.removeAll()
})

describe('openStore', () => {
  it('creates the folder and the schema, in WAL mode with foreign keys on', async () => {
    const { url, file } = databases.create('nested/passerelle.db')
    const store = await openStore(url)
    await store.close()

    const sqlite = new SqliteDatabase(file, { readonly: true })
    const tables = sqlite
      .prepare("select name from sqlite_master where type = 'table' order by name")
      .all() as { name: string }[]
    const journal = sqlite.pragma('journal_mode', { simple: true }) as string
    const migrations = sqlite.prepare('select name from schema_migrations').all() as {
      name: string
    }[]
    sqlite.close()

    expect(tables.map((table) => table.name)).toEqual(
      expect.arrayContaining(['accounts', 'api_keys', 'connect_sessions', 'projects']),
    )
    expect(journal).toBe('wal')
    expect(migrations.map((migration) => migration.name)).toEqual([
      '0001_projects_sessions_accounts',
      '0002_write_idempotency_pending_employments',
      '0003_lease_ids_blocking_employments_session_links',
      '0004_accounts_listing_order',
    ])
  })

  it('runs again on a migrated database without changing it', async () => {
    const { url } = databases.create('nested/passerelle.db')
    const first = await openStore(url)
    const project = await first.projects.findOrCreate({ id: 'prj_1', name: 'p', createdAt: 'now' })
    await first.close()

    const second = await openStore(url)
    const again = await second.projects.findOrCreate({ id: 'prj_2', name: 'p', createdAt: 'now' })
    await second.close()
    expect(again).toEqual(project)
  })

  it('refuses an account whose project does not exist', async () => {
    const store = await openStore(databases.create('nested/passerelle.db').url)
    await expect(
      store.accounts.insertIfAbsent(
        accountRow({
          id: 'acc_1',
          project_id: 'prj_1',
          origin_owner_id: 'owner-1',
          external_id: 'company-1',
        }),
      ),
    ).rejects.toThrow(/FOREIGN KEY/)
    await store.close()
  })

  it('keeps one account per owner and external id', async () => {
    const store = await openStore(databases.create('nested/passerelle.db').url)
    await store.projects.findOrCreate({ id: 'prj_1', name: 'p', createdAt: 'now' })

    const first = await store.accounts.insertIfAbsent(
      accountRow({
        id: 'acc_1',
        project_id: 'prj_1',
        origin_owner_id: 'owner-1',
        external_id: 'company-1',
      }),
    )
    const second = await store.accounts.insertIfAbsent(
      accountRow({
        id: 'acc_2',
        project_id: 'prj_1',
        origin_owner_id: 'owner-1',
        external_id: 'company-1',
      }),
    )
    const listed = await store.accounts.list('prj_1', {}, { offset: 0, limit: 10 })
    await store.close()

    expect(first?.id).toBe('acc_1')
    expect(second).toBeUndefined()
    expect(listed.map((row) => row.id)).toEqual(['acc_1'])
  })
})
