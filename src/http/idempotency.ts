import { createHash, randomBytes } from 'node:crypto'

import { ConflictError, InvalidRequestError, isKnownError } from '../errors.ts'
import type { IdempotencyKeyRef, IdempotencyKeyRepository } from '../store/idempotency.ts'
import { UncertainWriteError, type WriteOptions } from '../unified/write-operations.ts'
import { knownErrorBody } from './error-body.ts'

export const idempotencyHeader = 'idempotency-key'

/** A write's answer as sent, and as replayed for a retry with the same key. */
export interface WriteReply {
  statusCode: number
  body: object
}

export interface IdempotencySettings {
  /** How long a key is remembered (default 24 h). */
  ttlMs: number
  /** How long a `running` key blocks others before it counts as abandoned (default 5 min). */
  leaseMs: number
}

export interface IdempotentWrite {
  projectId: string
  accountId: string
  /** The header as received; undefined without one. */
  key: string | undefined
  /** Method, path and body of the request (`requestFingerprint`). */
  fingerprint: string
}

const defaultSettings: IdempotencySettings = { ttlMs: 24 * 60 * 60 * 1000, leaseMs: 5 * 60 * 1000 }
const keyShape = /^[\x20-\x7e]{1,255}$/
/** 4xx answers that the same request would get again: kept and replayed like a success. */
const finalStatuses = new Set([400, 404, 409, 422])
const purgeEveryMs = 60_000

/**
 * Runs writes under `Idempotency-Key` (docs/writes.md). The key's row is the lock: the first
 * request inserts it `running`; a retry after a kept answer gets that answer again; a retry
 * while it runs gets a 409; a retry after an unknown outcome runs with `reconcile` so the
 * connector looks for the earlier attempt's effect before sending anything.
 */
export function createIdempotency(
  keys: IdempotencyKeyRepository,
  now: () => Date,
  settings: Partial<IdempotencySettings> = {},
) {
  const { ttlMs, leaseMs } = { ...defaultSettings, ...settings }
  let nextPurgeMs = 0

  async function claim(
    ref: IdempotencyKeyRef,
    requestHash: string,
  ): Promise<{ reconcile: boolean; replay: WriteReply | null; leaseId: string }> {
    const leaseId = randomBytes(16).toString('base64url')
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const at = now()
      const lockedUntil = new Date(at.getTime() + leaseMs).toISOString()
      const inserted = await keys.insertRunning({
        ...ref,
        requestHash,
        leaseId,
        lockedUntil,
        createdAt: at.toISOString(),
        expiresAt: new Date(at.getTime() + ttlMs).toISOString(),
      })
      if (inserted) return { reconcile: false, replay: null, leaseId }

      const row = await keys.find(ref)
      if (row === undefined) continue
      if (row.expires_at <= at.toISOString()) {
        await keys.removeExpired(ref, row.expires_at)
        continue
      }
      if (row.request_hash !== requestHash) {
        throw new ConflictError(
          'This Idempotency-Key was already used with a different request; use a new key for a new request',
        )
      }
      if (row.state === 'completed' && row.status_code !== null && row.response_body !== null) {
        const body = JSON.parse(row.response_body) as object
        return { reconcile: false, replay: { statusCode: row.status_code, body }, leaseId }
      }
      if (row.state === 'running' && row.locked_until > at.toISOString()) {
        throw new ConflictError(
          'A request with this Idempotency-Key is still in progress; retry once it has finished',
        )
      }
      if (await keys.takeOver(ref, row, { lockedUntil, leaseId })) {
        return { reconcile: true, replay: null, leaseId }
      }
    }
    throw new ConflictError('This Idempotency-Key is being used by another request; retry')
  }

  async function purge(): Promise<void> {
    const at = now()
    if (at.getTime() < nextPurgeMs) return
    nextPurgeMs = at.getTime() + purgeEveryMs
    await keys.purgeExpired(at.toISOString())
  }

  /*
   * A write that outlived its lease may have been taken over; settling then changes nothing
   * (the store checks the lease id), and the successor's row stays as it is.
   */
  async function settle(
    ref: IdempotencyKeyRef,
    leaseId: string,
    options: WriteOptions,
    error: unknown,
  ) {
    if (isKnownError(error) && finalStatuses.has(error.statusCode)) {
      const body = knownErrorBody(error, { hub: false, now: now() })
      await keys.complete(ref, leaseId, {
        statusCode: error.statusCode,
        responseBody: JSON.stringify(body),
      })
      return { statusCode: error.statusCode, body }
    }
    // Failing before any write was sent (or on a 429/403 the provider did not act on) changes
    // nothing, so the key is freed; anything else may have reached the provider and is
    // reconciled next time.
    const mayHaveWritten = error instanceof UncertainWriteError || !isKnownError(error)
    if (mayHaveWritten || options.reconcile) await keys.markUnknown(ref, leaseId)
    else await keys.remove(ref, leaseId)
    throw error
  }

  return {
    /** Runs `work` once per key; answers `{ reply, replayed }`. */
    async run(
      write: IdempotentWrite,
      work: (options: WriteOptions) => Promise<WriteReply>,
    ): Promise<{ reply: WriteReply; replayed: boolean }> {
      if (write.key === undefined)
        return { reply: await work({ reconcile: false }), replayed: false }
      if (!keyShape.test(write.key) || write.key.trim() === '') {
        throw new InvalidRequestError('Idempotency-Key must be 1 to 255 printable ASCII characters')
      }
      await purge()
      const ref = {
        projectId: write.projectId,
        accountId: write.accountId,
        keyHash: sha256(write.key),
      }
      const claimed = await claim(ref, sha256(write.fingerprint))
      if (claimed.replay !== null) return { reply: claimed.replay, replayed: true }

      const options = { reconcile: claimed.reconcile }
      let reply: WriteReply
      try {
        reply = await work(options)
      } catch (error) {
        return { reply: await settle(ref, claimed.leaseId, options, error), replayed: false }
      }
      await keys.complete(ref, claimed.leaseId, {
        statusCode: reply.statusCode,
        responseBody: JSON.stringify(reply.body),
      })
      return { reply, replayed: false }
    },
  }
}

export type Idempotency = ReturnType<typeof createIdempotency>

/** What makes two requests "the same": method, path with ids, query and canonical JSON body. */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return JSON.stringify([method, url, canonical(body ?? null)])
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return Object.fromEntries(entries.map(([key, item]) => [key, canonical(item)]))
  }
  return value
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
