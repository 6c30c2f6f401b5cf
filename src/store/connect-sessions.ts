import type { Kysely } from 'kysely'

import type { ConnectSessionRow, Database, NewConnectSessionRow } from './schema.ts'

export interface ConnectSessionRepository {
  insert(session: NewConnectSessionRow): Promise<ConnectSessionRow>
  findByTokenHash(tokenHash: string): Promise<ConnectSessionRow | undefined>
  /** Records the account a session linked (or relinked). */
  setLinkedAccount(projectId: string, id: number, accountId: string): Promise<void>
  /** Deletes sessions that expired before `expiredBefore`; answers how many. */
  purgeExpiredBefore(expiredBefore: string): Promise<number>
}

export function createConnectSessionRepository(db: Kysely<Database>): ConnectSessionRepository {
  return {
    insert(session) {
      return db
        .insertInto('connect_sessions')
        .values(session)
        .returningAll()
        .executeTakeFirstOrThrow()
    },

    findByTokenHash(tokenHash) {
      return db
        .selectFrom('connect_sessions')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst()
    },

    async setLinkedAccount(projectId, id, accountId) {
      await db
        .updateTable('connect_sessions')
        .set({ linked_account_id: accountId })
        .where('project_id', '=', projectId)
        .where('id', '=', id)
        .execute()
    },

    async purgeExpiredBefore(expiredBefore) {
      const result = await db
        .deleteFrom('connect_sessions')
        .where('expires_at', '<', expiredBefore)
        .executeTakeFirst()
      return Number(result.numDeletedRows)
    },
  }
}
