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
  leaseId: string
  lockedUntil: string
  createdAt: string
  expiresAt: string
}

export interface IdempotencyKeyRepository {
  /** Inserts a `running` row; false when the key is already taken (the row is the lock). */
  insertRunning(key: NewIdempotencyKey): Promise<boolean>
  find(ref: IdempotencyKeyRef): Promise<IdempotencyKeyRow | undefined>
  /**
   * Moves a row back to `running` under the lease `leaseId` only if it is still exactly as read
   * (same state and lease): of two requests taking over the same key, one wins.
   */
  takeOver(
    ref: IdempotencyKeyRef,
    seen: Pick<IdempotencyKeyRow, 'state' | 'locked_until'>,
    lease: { lockedUntil: string; leaseId: string },
  ): Promise<boolean>
  /*
   * The three settling writes apply only while the row still carries the caller's lease (a
   * fencing token): a write that outlived its lease and was taken over must not overwrite or
   * delete the row its successor now holds. Each answers whether it applied.
   */
  complete(
    ref: IdempotencyKeyRef,
    leaseId: string,
    answer: { statusCode: number; responseBody: string },
  ): Promise<boolean>
  markUnknown(ref: IdempotencyKeyRef, leaseId: string): Promise<boolean>
  remove(ref: IdempotencyKeyRef, leaseId: string): Promise<boolean>
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
  const applied = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) =>
    (result.numUpdatedRows ?? result.numDeletedRows ?? 0n) > 0n

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
            lease_id: key.leaseId,
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

    async takeOver(ref, seen, lease) {
      const result = await byRef(ref)
        .set({ state: 'running', locked_until: lease.lockedUntil, lease_id: lease.leaseId })
        .where('state', '=', seen.state)
        .where('locked_until', '=', seen.locked_until)
        .executeTakeFirst()
      return applied(result)
    },

    async complete(ref, leaseId, answer) {
      const result = await byRef(ref)
        .set({
          state: 'completed',
          status_code: answer.statusCode,
          response_body: answer.responseBody,
        })
        .where('lease_id', '=', leaseId)
        .executeTakeFirst()
      return applied(result)
    },

    async markUnknown(ref, leaseId) {
      const result = await byRef(ref)
        .set({ state: 'unknown' })
        .where('lease_id', '=', leaseId)
        .executeTakeFirst()
      return applied(result)
    },

    async remove(ref, leaseId) {
      const result = await db
        .deleteFrom(table)
        .where('project_id', '=', ref.projectId)
        .where('account_id', '=', ref.accountId)
        .where('key_hash', '=', ref.keyHash)
        .where('lease_id', '=', leaseId)
        .executeTakeFirst()
      return applied(result)
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
