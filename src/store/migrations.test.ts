import SqliteDatabase from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'

import { tempDatabases } from '../../test/temp-store.ts'
import { openStore } from './database.ts'
import { createMigrations } from './migrations.ts'

const databases = tempDatabases()

afterEach(() => {
  databases.removeAll()
})

/** A database migrated only up to `last`, as an older release left it. */
async function migratedUpTo(file: string, last: string): Promise<void> {
  const db = new Kysely<unknown>({
    dialect: new SqliteDialect({ database: new SqliteDatabase(file) }),
  })
  const all = createMigrations('sqlite')
  const migrator = new Migrator({
    db,
    provider: {
      getMigrations: () =>
        Promise.resolve(Object.fromEntries(Object.entries(all).filter(([name]) => name <= last))),
    },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  })
  const { error } = await migrator.migrateToLatest()
  await db.destroy()
  if (error !== undefined) throw new Error('migration failed', { cause: error })
}

describe('migration 0003', () => {
  it('keeps the latest unmatched pending employment of each employee blocking', async () => {
    const { file, url } = databases.create()
    await migratedUpTo(file, '0002_write_idempotency_pending_employments')
    const sqlite = new SqliteDatabase(file)
    sqlite.exec(`
      insert into projects (id, name, created_at) values ('prj_1', 'p', 'now');
      insert into accounts (id, project_id, provider, origin_owner_id, origin_owner_name,
        external_id, display_name, granted_scopes, status, status_reasons, credentials,
        created_at, updated_at)
        values ('acc_1', 'prj_1', 'payfit', 'o', 'O', 'c', 'C', '[]', 'active', '[]', 'x', 'now', 'now');
      insert into pending_employments (id, account_id, employee_id, job_title, start_date, state,
        employment_id, created_at) values
        ('pending_old', 'acc_1', 'e1', 'A', '2027-01-04', 'sent', null, '2027-01-01T08:00:00Z'),
        ('pending_new', 'acc_1', 'e1', 'A', '2027-01-04', 'sent', null, '2027-01-01T09:00:00Z'),
        ('pending_matched', 'acc_1', 'e1', 'A', '2027-01-04', 'sent', 'contract-1', '2027-01-01T10:00:00Z'),
        ('pending_other', 'acc_1', 'e2', 'A', '2027-01-04', 'unknown', null, '2027-01-01T08:00:00Z');
    `)
    sqlite.close()

    const store = await openStore(url)
    const rows = [
      ...(await store.pendingEmployments.listForEmployee('acc_1', 'e1')),
      ...(await store.pendingEmployments.listForEmployee('acc_1', 'e2')),
    ]
    await store.close()

    expect(Object.fromEntries(rows.map((row) => [row.id, row.blocking]))).toEqual({
      pending_old: null,
      pending_new: 1,
      pending_matched: null,
      pending_other: 1,
    })
  })
})

describe('migration 0004', () => {
  it("pages a project's accounts through an index in their listing order, with no sort", async () => {
    const { file, url } = databases.create()
    await migratedUpTo(file, '0003_lease_ids_blocking_employments_session_links')
    const store = await openStore(url)
    await store.close()

    const sqlite = new SqliteDatabase(file, { readonly: true })
    // The query behind `GET /accounts?page=…` (store/accounts.ts `list`), written out.
    const plan = sqlite
      .prepare(
        `explain query plan select * from accounts where project_id = ?
         order by created_at, id limit 25 offset 9975`,
      )
      .all('prj_1') as { detail: string }[]
    const indexes = sqlite
      .prepare(`select name from sqlite_master where type = 'index' and tbl_name = 'accounts'`)
      .all() as { name: string }[]
    sqlite.close()

    const steps = plan.map((step) => step.detail).join('; ')
    expect(steps).toContain('USING INDEX accounts_project_listing')
    expect(steps).not.toContain('TEMP B-TREE')
    expect(indexes.map((index) => index.name)).not.toContain('accounts_project_created')
  })
})
