import type { Kysely } from 'kysely'

import { isUniqueViolation } from './database.ts'
import type { Database, PendingEmploymentRow } from './schema.ts'

export interface PendingEmploymentRepository {
  /**
   * Inserts a record that blocks a second one for the same employee; false when another
   * blocking record exists (a unique index decides, so two concurrent inserts cannot both win).
   */
  insertBlocking(row: Omit<PendingEmploymentRow, 'blocking'>): Promise<boolean>
  /** Stops the employee's records created before `createdBefore` from blocking; true if any did. */
  releaseBlockingBefore(
    accountId: string,
    employeeId: string,
    createdBefore: string,
  ): Promise<boolean>
  find(accountId: string, id: string): Promise<PendingEmploymentRow | undefined>
  listForEmployee(accountId: string, employeeId: string): Promise<PendingEmploymentRow[]>
  /** A record matched to the provider's employment no longer blocks. */
  update(
    accountId: string,
    id: string,
    changes: Partial<Pick<PendingEmploymentRow, 'state' | 'employment_id'>>,
  ): Promise<void>
  remove(accountId: string, id: string): Promise<void>
  /** Rows created before `createdBefore`: matched or abandoned long ago, no longer useful. */
  purgeOlderThan(createdBefore: string): Promise<void>
}

export function createPendingEmploymentRepository(
  db: Kysely<Database>,
): PendingEmploymentRepository {
  const table = 'pending_employments'
  return {
    async insertBlocking(row) {
      try {
        await db
          .insertInto(table)
          .values({ ...row, blocking: 1 })
          .execute()
        return true
      } catch (error) {
        if (isUniqueViolation(error)) return false
        throw error
      }
    },

    async releaseBlockingBefore(accountId, employeeId, createdBefore) {
      const result = await db
        .updateTable(table)
        .set({ blocking: null })
        .where('account_id', '=', accountId)
        .where('employee_id', '=', employeeId)
        .where('blocking', '=', 1)
        .where('created_at', '<', createdBefore)
        .executeTakeFirst()
      return result.numUpdatedRows > 0n
    },

    find(accountId, id) {
      return db
        .selectFrom(table)
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst()
    },

    listForEmployee(accountId, employeeId) {
      return db
        .selectFrom(table)
        .selectAll()
        .where('account_id', '=', accountId)
        .where('employee_id', '=', employeeId)
        .orderBy('created_at')
        .execute()
    },

    async update(accountId, id, changes) {
      const matched = typeof changes.employment_id === 'string'
      await db
        .updateTable(table)
        .set(matched ? { ...changes, blocking: null } : changes)
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .execute()
    },

    async remove(accountId, id) {
      await db.deleteFrom(table).where('account_id', '=', accountId).where('id', '=', id).execute()
    },

    async purgeOlderThan(createdBefore) {
      await db.deleteFrom(table).where('created_at', '<', createdBefore).execute()
    },
  }
}
