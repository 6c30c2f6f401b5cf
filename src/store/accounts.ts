import type { Kysely } from 'kysely'

import type { AccountRow, AccountRowUpdate, Database, NewAccountRow } from './schema.ts'

export interface AccountFilter {
  providers?: string[]
  originOwnerIds?: string[]
  statuses?: string[]
  accountIds?: string[]
}

export interface AccountOwnerKey {
  projectId: string
  provider: string
  originOwnerId: string
  externalId: string
}

export interface AccountRepository {
  /** Inserts unless the owner already has this external id linked; returns the row if inserted. */
  insertIfAbsent(account: NewAccountRow): Promise<AccountRow | undefined>
  findByOwnerKey(key: AccountOwnerKey): Promise<AccountRow | undefined>
  find(projectId: string, id: string): Promise<AccountRow | undefined>
  list(
    projectId: string,
    filter: AccountFilter,
    page: { offset: number; limit: number },
  ): Promise<AccountRow[]>
  update(projectId: string, id: string, changes: AccountRowUpdate): Promise<AccountRow | undefined>
  /**
   * Updates the row only while it still holds the envelope `credentials`: a change decided
   * about one key never lands on a key stored since. Undefined when the row or envelope changed.
   */
  updateWhileCredentials(
    projectId: string,
    id: string,
    credentials: string,
    changes: AccountRowUpdate,
  ): Promise<AccountRow | undefined>
  delete(projectId: string, id: string): Promise<AccountRow | undefined>
  /** Credential envelopes of every project, by id, after `afterId` (for vault maintenance). */
  listCredentials(afterId: string | null, limit: number): Promise<StoredCredentials[]>
  /**
   * Replaces envelopes in one transaction. A row whose envelope is no longer `from` (rewritten
   * or deleted meanwhile) is left alone. Returns how many rows changed.
   */
  replaceCredentials(changes: CredentialsReplacement[]): Promise<number>
}

export interface StoredCredentials {
  id: string
  credentials: string
}

export interface CredentialsReplacement {
  id: string
  from: string
  to: string
}

export function createAccountRepository(db: Kysely<Database>): AccountRepository {
  return {
    insertIfAbsent(account) {
      return db
        .insertInto('accounts')
        .values(account)
        .onConflict((conflict) =>
          conflict
            .columns(['project_id', 'provider', 'origin_owner_id', 'external_id'])
            .doNothing(),
        )
        .returningAll()
        .executeTakeFirst()
    },

    findByOwnerKey({ projectId, provider, originOwnerId, externalId }) {
      return db
        .selectFrom('accounts')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('provider', '=', provider)
        .where('origin_owner_id', '=', originOwnerId)
        .where('external_id', '=', externalId)
        .executeTakeFirst()
    },

    find(projectId, id) {
      return db
        .selectFrom('accounts')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('id', '=', id)
        .executeTakeFirst()
    },

    async list(projectId, filter, { offset, limit }) {
      const lists = [filter.providers, filter.originOwnerIds, filter.statuses, filter.accountIds]
      if (lists.some((values) => values?.length === 0)) return []

      let query = db.selectFrom('accounts').selectAll().where('project_id', '=', projectId)
      if (filter.providers !== undefined) query = query.where('provider', 'in', filter.providers)
      if (filter.originOwnerIds !== undefined) {
        query = query.where('origin_owner_id', 'in', filter.originOwnerIds)
      }
      if (filter.statuses !== undefined) query = query.where('status', 'in', filter.statuses)
      if (filter.accountIds !== undefined) query = query.where('id', 'in', filter.accountIds)
      return query.orderBy('created_at').orderBy('id').limit(limit).offset(offset).execute()
    },

    update(projectId, id, changes) {
      return db
        .updateTable('accounts')
        .set(changes)
        .where('project_id', '=', projectId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst()
    },

    updateWhileCredentials(projectId, id, credentials, changes) {
      return db
        .updateTable('accounts')
        .set(changes)
        .where('project_id', '=', projectId)
        .where('id', '=', id)
        .where('credentials', '=', credentials)
        .returningAll()
        .executeTakeFirst()
    },

    delete(projectId, id) {
      return db
        .deleteFrom('accounts')
        .where('project_id', '=', projectId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst()
    },

    listCredentials(afterId, limit) {
      let query = db.selectFrom('accounts').select(['id', 'credentials'])
      if (afterId !== null) query = query.where('id', '>', afterId)
      return query.orderBy('id').limit(limit).execute()
    },

    replaceCredentials(changes) {
      return db.transaction().execute(async (transaction) => {
        let changed = 0
        for (const { id, from, to } of changes) {
          const result = await transaction
            .updateTable('accounts')
            .set({ credentials: to })
            .where('id', '=', id)
            .where('credentials', '=', from)
            .executeTakeFirst()
          changed += Number(result.numUpdatedRows)
        }
        return changed
      })
    },
  }
}
