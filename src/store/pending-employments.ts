import type { Kysely } from 'kysely'

import type { Database, PendingEmploymentRow } from './schema.ts'

export interface PendingEmploymentRepository {
  insert(row: PendingEmploymentRow): Promise<void>
  find(accountId: string, id: string): Promise<PendingEmploymentRow | undefined>
  listForEmployee(accountId: string, employeeId: string): Promise<PendingEmploymentRow[]>
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
    async insert(row) {
      await db.insertInto(table).values(row).execute()
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
      await db
        .updateTable(table)
        .set(changes)
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
