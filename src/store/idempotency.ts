import type { Kysely } from 'kysely'

import { isUniqueViolation } from './database.ts'
import type { Database, IdempotencyKeyRow } from './schema.ts'

export interface IdempotencyKeyRef {
  projectId: string
  accountId: string
  keyHash: string
}

export interface NewIdempotencyKey extends IdempotencyKeyRef {
  requestHash: string
  lockedUntil: string
  createdAt: string
  expiresAt: string
}

export interface IdempotencyKeyRepository {
  /** Inserts a `running` row; false when the key is already taken (the row is the lock). */
  insertRunning(key: NewIdempotencyKey): Promise<boolean>
  find(ref: IdempotencyKeyRef): Promise<IdempotencyKeyRow | undefined>
  /**
   * Moves a row back to `running` only if it is still exactly as read (same state and lease):
   * of two requests taking over the same key, one wins.
   */
  takeOver(
    ref: IdempotencyKeyRef,
    seen: Pick<IdempotencyKeyRow, 'state' | 'locked_until'>,
    lockedUntil: string,
  ): Promise<boolean>
  complete(ref: IdempotencyKeyRef, statusCode: number, responseBody: string): Promise<void>
  markUnknown(ref: IdempotencyKeyRef): Promise<void>
  remove(ref: IdempotencyKeyRef): Promise<void>
  /** Removes the row only if it expired at `expiresAt` (a fresh reuse is left alone). */
  removeExpired(ref: IdempotencyKeyRef, expiresAt: string): Promise<void>
  purgeExpired(now: string): Promise<void>
}

export function createIdempotencyKeyRepository(db: Kysely<Database>): IdempotencyKeyRepository {
  const table = 'idempotency_keys'
  const byRef = (ref: IdempotencyKeyRef) =>
    db
      .updateTable(table)
      .where('project_id', '=', ref.projectId)
      .where('account_id', '=', ref.accountId)
      .where('key_hash', '=', ref.keyHash)

  return {
    async insertRunning(key) {
      try {
        await db
          .insertInto(table)
          .values({
            project_id: key.projectId,
            account_id: key.accountId,
            key_hash: key.keyHash,
            request_hash: key.requestHash,
            state: 'running',
            status_code: null,
            response_body: null,
            locked_until: key.lockedUntil,
            created_at: key.createdAt,
            expires_at: key.expiresAt,
          })
          .execute()
        return true
      } catch (error) {
        if (isUniqueViolation(error)) return false
        throw error
      }
    },

    find(ref) {
      return db
        .selectFrom(table)
        .selectAll()
        .where('project_id', '=', ref.projectId)
        .where('account_id', '=', ref.accountId)
        .where('key_hash', '=', ref.keyHash)
        .executeTakeFirst()
    },

    async takeOver(ref, seen, lockedUntil) {
      const result = await byRef(ref)
        .set({ state: 'running', locked_until: lockedUntil })
        .where('state', '=', seen.state)
        .where('locked_until', '=', seen.locked_until)
        .executeTakeFirst()
      return result.numUpdatedRows === 1n
    },

    async complete(ref, statusCode, responseBody) {
      await byRef(ref)
        .set({ state: 'completed', status_code: statusCode, response_body: responseBody })
        .execute()
    },

    async markUnknown(ref) {
      await byRef(ref).set({ state: 'unknown' }).execute()
    },

    async remove(ref) {
      await db
        .deleteFrom(table)
        .where('project_id', '=', ref.projectId)
        .where('account_id', '=', ref.accountId)
        .where('key_hash', '=', ref.keyHash)
        .execute()
    },

    async removeExpired(ref, expiresAt) {
      await db
        .deleteFrom(table)
        .where('project_id', '=', ref.projectId)
        .where('account_id', '=', ref.accountId)
        .where('key_hash', '=', ref.keyHash)
        .where('expires_at', '=', expiresAt)
        .execute()
    },

    async purgeExpired(now) {
      await db.deleteFrom(table).where('expires_at', '<=', now).execute()
    },
  }
}
