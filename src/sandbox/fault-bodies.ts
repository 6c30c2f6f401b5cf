import { Readable } from 'node:stream'

import type { FaultDecision } from './faults.ts'

/** A value outside the enum PayFit documents for `key`, or undefined for a free-text key. */
function unknownEnumValue(key: string, value: string): string | undefined {
  switch (key) {
    case 'status':
      return value === value.toUpperCase() ? 'SUSPENDED' : 'on_hold'
    case 'gender':
      return 'unspecified'
    case 'type':
      return /^(fr|es|uk)_|^other$/.test(value) ? 'fr_unknown_absence_type' : 'secondary'
    case 'moment':
      return 'late-afternoon'
    case 'workTimeUnit':
      return 'weeks'
    default:
      return undefined
  }
}

/**
 * Schema drift applied to a payload about to be serialised: unknown keys added to every object,
 * known enums given values outside their set.
 */
export function applyDrift(payload: unknown, decision: FaultDecision): unknown {
  if (!decision.extraFields && !decision.unknownEnums) return payload
  if (Array.isArray(payload)) return payload.map((item) => applyDrift(item, decision))
  if (typeof payload !== 'object' || payload === null) return payload
  const drifted: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(payload)) {
    const replacement =
      decision.unknownEnums && typeof value === 'string' ? unknownEnumValue(key, value) : undefined
    drifted[key] = replacement ?? applyDrift(value, decision)
  }
  if (decision.extraFields) {
    drifted.sandboxRevision = 7
    drifted.legacyFlags = { migrated: true }
  }
  return drifted
}

/** Makes a page answer with the token the client just sent, so a naive walk would loop. */
export function repeatPageToken(payload: unknown, requestToken: string | undefined): unknown {
  if (requestToken === undefined || typeof payload !== 'object' || payload === null) return payload
  const meta = (payload as { meta?: unknown }).meta
  if (typeof meta !== 'object' || meta === null) return payload
  return { ...payload, meta: { ...meta, nextPageToken: requestToken } }
}

/** JSON that no parser accepts: a dangling comma and a missing closing brace. */
export function malformJson(text: string): string {
  return `${text.slice(0, Math.max(1, text.length - 1))},`
}

/** Sends the body in ten pieces spread over `durationMs`. */
export function slowBody(body: string | Buffer, durationMs: number): Readable {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  const pieces = 10
  const size = Math.ceil(bytes.length / pieces)
  let index = 0
  return new Readable({
    read() {
      if (index * size >= bytes.length) {
        this.push(null)
        return
      }
      const piece = bytes.subarray(index * size, (index + 1) * size)
      index++
      setTimeout(() => this.push(piece), durationMs / pieces)
    },
  })
}

/** Declares the whole length, sends half, then breaks the stream so the socket closes early. */
export function truncatedBody(body: string | Buffer): Readable {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  let sent = false
  return new Readable({
    read() {
      if (sent) {
        this.destroy(new Error('sandbox fault: truncated body'))
        return
      }
      sent = true
      this.push(bytes.subarray(0, Math.floor(bytes.length / 2)))
    },
  })
}
