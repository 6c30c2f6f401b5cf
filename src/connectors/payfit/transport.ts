import type { z } from 'zod'

import {
  ProviderError,
  ProviderSchemaError,
  ProviderTimeoutError,
  ProviderUnavailableError,
} from '../../errors.ts'
import type { Logger } from '../../log.ts'
import { parsePayfitReply } from './schemas.ts'
import {
  decodeJson,
  errorBodyOf,
  errorForStatus,
  invalidJson,
  waitAskedMs,
  type CallKind,
  type Reply,
} from './status-errors.ts'

/** Gives a slot back once the call has ended; `sent` says whether it may have reached PayFit. */
export type EndCall = (sent: boolean) => void

/** Shared per API key by the hub so one linked account stays inside PayFit's budget (§7). */
export interface PayfitLimiter {
  /** Waits for a slot; the call gives it back with the returned `end` once it has ended. */
  acquire(kind: CallKind): Promise<EndCall>
}

export interface PayfitRetryPolicy {
  /** Attempts per call, the first included. Writes only ever retry a 429. */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
}

/** Largest reply body read, by what the call accepts; past it the call fails unread. */
export interface ReplyLimits {
  json: number
  file: number
}

export interface PayfitTransportOptions {
  apiUrl: string
  oauthUrl: string
  apiKey: string
  logger: Logger
  /** Deadline for one call, retries and waits included. */
  timeoutMs?: number
  /** Bound on one attempt, body included; a hung connection is abandoned after it. */
  attemptTimeoutMs?: number
  /** When the whole request must be over (epoch ms): no call of this client runs past it. */
  deadline?: number
  /** What `deadline` is, in a timeout's message (default "the request's deadline"). */
  deadlineName?: string
  /** Ends every call of this client at once (the hub is closing, or the account changed). */
  signal?: AbortSignal
  retry?: Partial<PayfitRetryPolicy>
  replyLimits?: Partial<ReplyLimits>
  fetch?: typeof fetch
  limiter?: PayfitLimiter
  /** Record every reply, for the unified API's `raw=true`. */
  captureRaw?: boolean
}

/** One upstream reply as `raw=true` shows it: no header and the key scrubbed, so never the key. */
export interface PayfitRawCall {
  method: string
  url: string
  status: number
  response: unknown
}

export interface CallSpec {
  method: 'GET' | 'POST' | 'DELETE'
  host: 'api' | 'oauth'
  path: string
  query?: Record<string, string | number | boolean | undefined>
  body?: unknown
  kind: CallKind
  /** `application/json` unless said; anything else is read under the `file` limit. */
  accept?: string
}

const defaultRetry: PayfitRetryPolicy = { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 5_000 }
const defaultReplyLimits: ReplyLimits = { json: 8 * 1024 * 1024, file: 32 * 1024 * 1024 }
const defaultTimeoutMs = 30_000
const defaultAttemptTimeoutMs = 10_000
// `raw=true` on a read that walks a large company's contracts makes thousands of calls; past
// this many, a call is shown by its content type and size only, so one request cannot make the
// hub hold (and send) every page of the company.
const rawBodiesKept = 100
// Statuses that mean "not processed, try later" (§7, Kestra's policy); 501 is not among them.
const retryableStatuses = new Set([408, 425, 429, 500, 502, 503, 504])

export function isRetryableStatus(status: number): boolean {
  return retryableStatuses.has(status)
}

/** Why a call of a client whose `signal` was aborted ends. */
export const workStopped =
  'The hub stopped this work (it is closing, or the account was changed or deleted)'

class AttemptTimeout extends Error {
  constructor(readonly byRequestDeadline: boolean) {
    super('attempt timed out')
  }
}

/** A body past its limit: the same call would get the same body, so it is never retried. */
class ReplyTooLarge extends ProviderError {
  constructor(status: number, url: string, limit: number, kind: CallKind) {
    const applied = kind === 'write' ? '; the write may or may not have been applied' : ''
    super(`PayFit sent a reply too large to read (over ${String(limit)} bytes)${applied}`, [
      { status, url, raw: null },
    ])
  }
}

export function createPayfitTransport(options: PayfitTransportOptions) {
  const { logger } = options
  const retry = { ...defaultRetry, ...options.retry }
  const limits = { ...defaultReplyLimits, ...options.replyLimits }
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs
  const attemptTimeoutMs = Math.min(options.attemptTimeoutMs ?? defaultAttemptTimeoutMs, timeoutMs)
  const fetchImpl = options.fetch ?? fetch
  const rawCalls: PayfitRawCall[] = []
  const scrub = (text: string) => text.split(options.apiKey).join('[redacted]')
  let callCount = 0
  const isClosing = () => options.signal?.aborted === true

  function urlOf(spec: CallSpec): string {
    const base = spec.host === 'api' ? options.apiUrl : options.oauthUrl
    const url = new URL(spec.path, base.endsWith('/') ? base : `${base}/`)
    for (const [name, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value))
    }
    return url.toString()
  }

  async function attempt(
    spec: CallSpec,
    url: string,
    budgetMs: number,
    byRequestDeadline: boolean,
  ): Promise<Reply> {
    const controller = new AbortController()
    const abort = () => {
      controller.abort()
    }
    const timer = setTimeout(abort, budgetMs)
    // A listener removed after the call, not AbortSignal.any: the closing signal lives as long
    // as the hub, and every call would otherwise leave something attached to it.
    options.signal?.addEventListener('abort', abort, { once: true })
    const headers: Record<string, string> = {
      authorization: `Bearer ${options.apiKey}`,
      accept: spec.accept ?? 'application/json',
    }
    if (spec.body !== undefined) headers['content-type'] = 'application/json'
    callCount += 1
    try {
      const response = await fetchImpl(url, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: controller.signal,
      })
      const limit = spec.accept === undefined ? limits.json : limits.file
      const bytes = await readCapped(response, controller, { url, limit, kind: spec.kind })
      return { status: response.status, headers: response.headers, bytes }
    } catch (error) {
      if (error instanceof ReplyTooLarge || !controller.signal.aborted || isClosing()) throw error
      throw new AttemptTimeout(byRequestDeadline)
    } finally {
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', abort)
    }
  }

  function record(spec: CallSpec, url: string, reply: Reply): void {
    if (options.captureRaw !== true) return
    const contentType = reply.headers.get('content-type') ?? ''
    const size = reply.bytes.byteLength
    const json =
      contentType.includes('json') && rawCalls.length < rawBodiesKept
        ? decodeJson(reply.bytes, scrub)
        : invalidJson
    const response = json === invalidJson ? { content_type: contentType, size } : json
    rawCalls.push({ method: spec.method, url, status: reply.status, response })
  }

  function retryDelayMs(spec: CallSpec, outcome: Reply | Error, attemptNo: number) {
    const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attemptNo - 1))
    const jittered = backoff / 2 + Math.random() * (backoff / 2)
    if (outcome instanceof ReplyTooLarge) return null
    if (outcome instanceof Error) return spec.kind === 'read' ? jittered : null
    // A 429 means PayFit did not process the call, so even a write may go again.
    const retryable =
      outcome.status === 429 || (spec.kind === 'read' && retryableStatuses.has(outcome.status))
    if (!retryable) return null
    return waitAskedMs(outcome.headers, outcome.status === 429) ?? jittered
  }

  function failure(spec: CallSpec, url: string, outcome: Reply | Error): Error {
    if (outcome instanceof AttemptTimeout) {
      const when = outcome.byRequestDeadline
        ? `within ${options.deadlineName ?? "the request's deadline"}`
        : 'in time'
      return new ProviderTimeoutError(
        spec.kind === 'read'
          ? `PayFit did not answer ${when}`
          : `PayFit did not answer ${when}; the write may or may not have been applied`,
      )
    }
    if (outcome instanceof ProviderError) return outcome
    if (outcome instanceof Error) {
      return new ProviderUnavailableError('PayFit could not be reached', { cause: outcome })
    }
    return errorForStatus(outcome, url, errorBodyOf(outcome.bytes, scrub), spec.kind)
  }

  /** Sends one call within its deadline and the request's, retrying what is safe to retry. */
  async function send(spec: CallSpec): Promise<Reply> {
    const url = urlOf(spec)
    const callDeadline = Date.now() + timeoutMs
    const deadline = Math.min(callDeadline, options.deadline ?? Infinity)
    const requestBinds = deadline < callDeadline
    for (let attemptNo = 1; ; attemptNo += 1) {
      let outcome: Reply | Error
      const end = await options.limiter?.acquire(spec.kind)
      let sent = false
      try {
        if (isClosing()) {
          throw new ProviderUnavailableError(workStopped)
        }
        const budgetMs = Math.min(attemptTimeoutMs, deadline - Date.now())
        if (budgetMs <= 0) throw failure(spec, url, new AttemptTimeout(requestBinds))
        try {
          sent = true
          outcome = await attempt(spec, url, budgetMs, requestBinds && budgetMs < attemptTimeoutMs)
          record(spec, url, outcome)
          if (outcome.status < 400) return outcome
        } catch (error) {
          outcome = error instanceof Error ? error : new Error('fetch failed')
        }
      } finally {
        end?.(sent)
      }

      if (isClosing()) {
        throw new ProviderUnavailableError(`${workStopped}; a PayFit call was abandoned`)
      }
      const waitMs = retryDelayMs(spec, outcome, attemptNo)
      const status = outcome instanceof Error ? null : outcome.status
      if (waitMs === null || attemptNo >= retry.maxAttempts || Date.now() + waitMs >= deadline) {
        throw failure(spec, url, outcome)
      }
      logger.warn(
        { method: spec.method, path: new URL(url).pathname, status, attempt: attemptNo, waitMs },
        'payfit call retried',
      )
      await new Promise((resolve) => setTimeout(resolve, waitMs))
    }
  }

  /** Parses a reply's JSON with `schema`; an empty body reads as `null`. */
  function parseJson<T>(reply: Reply, schema: z.ZodType<T>, what: string): T {
    return parseBytes(reply.bytes, scrub, schema, what)
  }

  /**
   * What parses a reply again later holding only its bytes (not this transport, its key or its
   * request), or null when the reply's text carries the key: scrubbing it again would need the
   * key, which nothing kept for later may hold.
   */
  function parseLater<T>(reply: Reply, schema: z.ZodType<T>, what: string): (() => T) | null {
    const bytes = Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength)
    if (bytes.includes(options.apiKey)) return null
    return () => parseBytes(bytes, (text) => text, schema, what)
  }

  /** Sends a call and parses its JSON reply with `schema`. */
  async function sendJson<T>(spec: CallSpec, schema: z.ZodType<T>, what: string): Promise<T> {
    return parseJson(await send(spec), schema, what)
  }

  return {
    send,
    sendJson,
    parseJson,
    parseLater,
    rawCalls,
    get callCount() {
      return callCount
    },
  }
}

export type PayfitTransport = ReturnType<typeof createPayfitTransport>

function parseBytes<T>(
  bytes: Uint8Array,
  scrub: (text: string) => string,
  schema: z.ZodType<T>,
  what: string,
): T {
  const json = decodeJson(bytes, scrub)
  if (json === invalidJson) {
    throw new ProviderSchemaError(`PayFit sent a ${what} reply that is not JSON`, '')
  }
  return parsePayfitReply(schema, json, what)
}

/** Reads a body up to `limit` bytes; past it the connection is dropped and nothing is kept. */
async function readCapped(
  response: Response,
  controller: AbortController,
  { url, limit, kind }: { url: string; limit: number; kind: CallKind },
): Promise<Uint8Array> {
  const announced = Number(response.headers.get('content-length') ?? Number.NaN)
  if (announced > limit) {
    controller.abort()
    throw new ReplyTooLarge(response.status, url, limit, kind)
  }
  if (response.body === null) return new Uint8Array()
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return Buffer.concat(chunks, size)
    size += value.byteLength
    if (size > limit) {
      controller.abort()
      throw new ReplyTooLarge(response.status, url, limit, kind)
    }
    chunks.push(value)
  }
}
