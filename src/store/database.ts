import fs from 'node:fs'
import path from 'node:path'

import SqliteDatabase from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect, type SqliteDatabase as KyselySqlite } from 'kysely'

import { createAccountRepository, type AccountRepository } from './accounts.ts'
import {
  createConnectSessionRepository,
  type ConnectSessionRepository,
} from './connect-sessions.ts'
import { createIdempotencyKeyRepository, type IdempotencyKeyRepository } from './idempotency.ts'
import { createMigrations } from './migrations.ts'
import {
  createPendingEmploymentRepository,
  type PendingEmploymentRepository,
} from './pending-employments.ts'
import { createProjectRepository, type ProjectRepository } from './projects.ts'
import type { Database } from './schema.ts'

/** The one storage interface the domain services see; the SQL engine stays behind it. */
export interface Store {
  projects: ProjectRepository
  connectSessions: ConnectSessionRepository
  accounts: AccountRepository
  idempotencyKeys: IdempotencyKeyRepository
  pendingEmployments: PendingEmploymentRepository
  close(): Promise<void>
}

/** Opens the database named by a `sqlite://` URL, creating its folder, and migrates it. */
export async function openStore(databaseUrl: string): Promise<Store> {
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(openSqlite(databaseUrl)) }),
  })
  try {
    await migrateToLatest(db)
  } catch (error) {
    await db.destroy()
    throw error
  }

  return {
    projects: createProjectRepository(db),
    connectSessions: createConnectSessionRepository(db),
    accounts: createAccountRepository(db),
    idempotencyKeys: createIdempotencyKeyRepository(db),
    pendingEmployments: createPendingEmploymentRepository(db),
    close: () => db.destroy(),
  }
}

export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.slice('sqlite://'.length)
}

function openSqlite(databaseUrl: string): SqliteDatabase.Database {
  const file = sqlitePath(databaseUrl)
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new SqliteDatabase(file)
  // WAL lets readers run while one writer commits; the busy timeout makes a second process
  // (e.g. `passerelle keys create` beside a running hub) wait for the lock instead of failing.
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  return sqlite
}

// Distinct SQL texts kept compiled; `IN (…)` lists of every length make the set open-ended.
const cachedStatements = 256

/**
 * better-sqlite3 compiles a statement on every `prepare()`, and the hub runs the same few
 * queries (project key, account) for every request, so compiled statements are kept by SQL text.
 * Kysely runs each statement to completion at once (nothing here streams rows), so a kept
 * statement is never busy when it is reused.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): KyselySqlite {
  const statements = new Map<string, SqliteDatabase.Statement>()
  return {
    close: () => {
      sqlite.close()
    },
    prepare(sql) {
      let statement = statements.get(sql)
      if (statement === undefined) {
        statement = sqlite.prepare(sql)
        if (statements.size >= cachedStatements) statements.clear()
        statements.set(sql, statement)
      }
      return statement
    },
  }
}

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrations = createMigrations('sqlite')
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error !== undefined) {
    throw new Error('Database migration failed', { cause: error })
  }
  return (results ?? []).map((result) => result.migrationName)
}

/** An insert hit a unique index or a primary key, on SQLite (which names the two apart) or PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false
  return (
    error.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    error.code === '23505'
  )
}
