import {
  ConflictError,
  ForbiddenError,
  InvalidCredentialsError,
  InvalidRequestError,
  NotFoundError,
  PayloadTooLargeError,
  ProviderError,
  ProviderTimeoutError,
  RateLimitedError,
  UnprocessableError,
} from '../../errors.ts'
import { payfitErrorBodySchema, type PayfitErrorBody } from './schemas.ts'

export type CallKind = 'read' | 'write'

/** A final PayFit reply as the transport read it. */
export interface Reply {
  status: number
  headers: Headers
  bytes: Uint8Array
}

/** A 403 whose `details` named the scope the key lacks (§4.2), so callers can say which. */
export class ScopeForbiddenError extends ForbiddenError {
  constructor(readonly scope: string | null) {
    super(
      scope === null
        ? 'The PayFit API key is not allowed to do this'
        : `The PayFit API key lacks the "${scope}" scope`,
      { providerResponse: scope === null ? 'Forbidden action' : `Missing scope "${scope}"` },
    )
  }
}

const missingScopePattern = /Missing scope "([^"]+)"/
const mayHaveApplied = '; the write may or may not have been applied'

export const invalidJson = Symbol('invalid JSON')

/** The JSON of a body (`null` when empty), or `invalidJson`. */
export function decodeJson(bytes: Uint8Array, scrub: (text: string) => string): unknown {
  if (bytes.byteLength === 0) return null
  try {
    return JSON.parse(scrub(utf8Text(bytes))) as unknown
  } catch {
    return invalidJson
  }
}

const byteOrderMark = Buffer.from([0xef, 0xbb, 0xbf])

/**
 * The body as text, read as a TextDecoder would (a leading byte order mark dropped, malformed
 * sequences as U+FFFD). Buffer's decoder is used instead because a TextDecoder costs more to
 * create than a page of JSON costs to decode, some 0.3 ms a PayFit page.
 */
function utf8Text(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const start = buffer.subarray(0, 3).equals(byteOrderMark) ? 3 : 0
  return buffer.toString('utf8', start)
}

/** PayFit's error body when it has the documented shape, with only its whitelisted fields. */
export function errorBodyOf(
  bytes: Uint8Array,
  scrub: (text: string) => string,
): PayfitErrorBody | null {
  const result = payfitErrorBodySchema.safeParse(decodeJson(bytes, scrub))
  return result.success ? scrubBody(result.data, scrub) : null
}

/** Only PayFit's documented error fields survive, cleaned and bounded (never the key). */
export function scrubBody(body: PayfitErrorBody, scrub: (text: string) => string): PayfitErrorBody {
  const clean = (text: string) => scrub(text.replace(/\p{Cc}/gu, ' ')).slice(0, 500)
  const details = body.details
  return {
    code: body.code ?? null,
    error: body.error == null ? null : clean(body.error),
    message: body.message == null ? null : clean(body.message),
    details:
      details == null
        ? null
        : clean(typeof details === 'string' ? details : JSON.stringify(details)),
  }
}

/**
 * How long PayFit asked us to wait: `Retry-After` (seconds or an HTTP date), else on a 429 the
 * `RateLimit-Reset` of its window. PayFit sends `RateLimit-*` on every reply, so on a 5xx that
 * header says nothing about the failure and is ignored.
 */
export function waitAskedMs(headers: Headers, isRateLimited: boolean): number | null {
  const retryAfter = headers.get('retry-after')?.trim()
  if (retryAfter !== undefined && retryAfter !== '') {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000
    const at = Date.parse(retryAfter)
    if (!Number.isNaN(at)) return Math.max(0, at - Date.now())
  }
  const reset = headers.get('ratelimit-reset')?.trim()
  if (!isRateLimited || reset === undefined || !/^\d+(\.\d+)?$/.test(reset)) return null
  return Number(reset) * 1000
}

/**
 * The one place PayFit statuses become our errors; the long tail goes by range. A write's
 * `ProviderError` says it may have been applied: PayFit failed after receiving it.
 */
export function errorForStatus(
  reply: Reply,
  url: string,
  body: PayfitErrorBody | null,
  kind: CallKind,
): Error {
  const details = typeof body?.details === 'string' ? body.details : null
  const said = details ?? body?.error ?? body?.message ?? null
  const options = said === null ? undefined : { providerResponse: said }
  const raw = body === null ? null : { ...body }
  const providerErrors = [{ status: reply.status, url, raw }]
  const suffix = kind === 'write' ? mayHaveApplied : ''

  switch (reply.status) {
    case 400:
      return new InvalidRequestError(
        `PayFit refused the request: ${said ?? 'no reason given'}`,
        options,
      )
    case 401:
      return new InvalidCredentialsError('PayFit no longer accepts this API key', options)
    case 403:
      return new ScopeForbiddenError(missingScopePattern.exec(details ?? '')?.[1] ?? null)
    case 404:
      return new NotFoundError('PayFit has no such resource', options)
    case 408:
      return new ProviderTimeoutError('PayFit did not answer in time', options)
    case 409:
      return new ConflictError(`PayFit reported a conflict: ${said ?? 'no reason given'}`, options)
    case 413:
      return new PayloadTooLargeError('PayFit found the request too large', options)
    case 422:
      return new UnprocessableError(
        `PayFit could not process the request: ${said ?? 'no reason given'}`,
        options,
      )
    case 429: {
      const waitMs = waitAskedMs(reply.headers, true) ?? 1_000
      return new RateLimitedError('PayFit is rate limiting this API key', Math.ceil(waitMs / 1000))
    }
  }
  const what =
    reply.status >= 500
      ? `PayFit failed with status ${String(reply.status)}`
      : `PayFit answered with unexpected status ${String(reply.status)}`
  return new ProviderError(`${what}${suffix}`, providerErrors, options)
}
