import { createHmac, timingSafeEqual } from 'node:crypto'

import type { z } from 'zod'

import { InvalidRequestError } from '../errors.ts'

/*
 * `next` cursors are opaque to callers: `<payload>.<mac>`, both base64url. The payload is JSON
 * `{ v, s }` (format version, the connector's paging state); the MAC is HMAC-SHA256 over the
 * version, the account id, the purpose and the payload. A cursor edited by hand, minted for
 * another account or another list, or plain garbage fails the MAC and becomes a 400 — the
 * state inside is never trusted unverified, so it may carry the provider's page tokens safely.
 */

const cursorVersion = 1
const maxCursorLength = 4096

export interface CursorBinding {
  /** Server secret; rotating it invalidates cursors in flight, which callers restart. */
  secret: string | Uint8Array
  accountId: string
  /** The list the cursor belongs to (`employees`, `time_off`…), so it cannot be replayed elsewhere. */
  purpose?: string
}

export type CursorState = Record<string, unknown>

export function encodeCursor(state: CursorState, binding: CursorBinding): string {
  const payload = Buffer.from(JSON.stringify({ v: cursorVersion, s: state })).toString('base64url')
  return `${payload}.${sign(payload, binding).toString('base64url')}`
}

export function decodeCursor(text: string, binding: CursorBinding): CursorState
export function decodeCursor<T>(text: string, binding: CursorBinding, schema: z.ZodType<T>): T
export function decodeCursor<T>(
  text: string,
  binding: CursorBinding,
  schema?: z.ZodType<T>,
): T | CursorState {
  const state = verifiedState(text, binding)
  if (schema === undefined) return state

  const parsed = schema.safeParse(state)
  if (!parsed.success) throw invalidCursor()
  return parsed.data
}

function verifiedState(text: string, binding: CursorBinding): CursorState {
  if (text.length > maxCursorLength) throw invalidCursor()

  const [payload, mac, ...rest] = text.split('.')
  if (payload === undefined || mac === undefined || rest.length > 0) throw invalidCursor()

  const given = Buffer.from(mac, 'base64url')
  const expected = sign(payload, binding)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidCursor()

  const decoded = parseJson(Buffer.from(payload, 'base64url').toString('utf8'))
  if (!isRecord(decoded) || decoded.v !== cursorVersion || !isRecord(decoded.s)) {
    throw invalidCursor()
  }
  return decoded.s
}

function sign(payload: string, binding: CursorBinding): Buffer {
  if (binding.secret.length === 0) throw new Error('cursor secret must not be empty')

  return createHmac('sha256', binding.secret)
    .update(JSON.stringify([cursorVersion, binding.accountId, binding.purpose ?? '', payload]))
    .digest()
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function invalidCursor(): InvalidRequestError {
  return new InvalidRequestError('The next cursor is malformed or belongs to another listing')
}
