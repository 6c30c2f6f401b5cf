import type { Kysely } from 'kysely'

import type { ConnectSessionRow, Database, NewConnectSessionRow } from './schema.ts'

export interface ConnectSessionRepository {
  insert(session: NewConnectSessionRow): Promise<ConnectSessionRow>
  findByTokenHash(tokenHash: string): Promise<ConnectSessionRow | undefined>
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
  }
}
