import type { z } from 'zod'

import {
  ConflictError,
  ForbiddenError,
  InvalidCredentialsError,
  InvalidRequestError,
  NotFoundError,
  PayloadTooLargeError,
  ProviderError,
  ProviderSchemaError,
  ProviderTimeoutError,
  ProviderUnavailableError,
  RateLimitedError,
  UnprocessableError,
} from '../../errors.ts'
import type { Logger } from '../../log.ts'
import {
  parsePayfitReply,
  payfitAbsenceSchema,
  payfitCollaboratorSchema,
  payfitCompanyFrSchema,
  payfitCompanySchema,
  payfitContractFrSchema,
  payfitContractSchema,
  payfitCreatedAbsenceSchema,
  payfitCreatedCollaboratorSchema,
  payfitErrorBodySchema,
  payfitIntrospectionSchema,
  payfitPageSchema,
  payfitPayrollStatusSchema,
  payfitPayslipListSchema,
  type PayfitAbsenceInput,
  type PayfitAbsenceQuery,
  type PayfitCollaboratorInput,
  type PayfitCollaboratorQuery,
  type PayfitContractInput,
  type PayfitContractQuery,
  type PayfitErrorBody,
  type PayfitPage,
  type PayfitPageQuery,
} from './schemas.ts'

export type CallKind = 'read' | 'write'

/** Shared per API key by the hub so one linked account stays inside PayFit's budget (§7). */
export interface PayfitLimiter {
  acquire(kind: CallKind): Promise<void>
}

export interface PayfitRetryPolicy {
  /** Attempts per call, the first included. Writes only ever retry a 429. */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
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
  retry?: Partial<PayfitRetryPolicy>
  fetch?: typeof fetch
  limiter?: PayfitLimiter
  /** Record every reply, for the unified API's `raw=true`. */
  captureRaw?: boolean
}

/** One upstream reply as `raw=true` shows it: no header, so never the key. */
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
  accept?: string
}

export interface Reply {
  status: number
  headers: Headers
  bytes: Uint8Array
}

/** A 403 whose `details` named the scope the key lacks (§4.2), so callers can say which. */
export class MissingScopeError extends ForbiddenError {
  constructor(readonly scope: string | null) {
    super(
      scope === null
        ? 'The PayFit API key is not allowed to do this'
        : `The PayFit API key lacks the "${scope}" scope`,
      { providerResponse: scope === null ? 'Forbidden action' : `Missing scope "${scope}"` },
    )
  }
}

const defaultRetry: PayfitRetryPolicy = { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 5_000 }
const defaultTimeoutMs = 30_000
const defaultAttemptTimeoutMs = 10_000
// Statuses that mean "not processed, try later" (§7, Kestra's policy); 501 is not among them.
const retryableStatuses = new Set([408, 425, 429, 500, 502, 503, 504])
const missingScopePattern = /Missing scope "([^"]+)"/
const printableKey = /^[\x21-\x7e]{8,512}$/

/** Keys are opaque (§3.1); this only refuses what cannot be one and would break the header. */
export function isPlausibleApiKey(apiKey: string): boolean {
  return printableKey.test(apiKey)
}

class AttemptTimeout extends Error {}

export function createPayfitTransport(options: PayfitTransportOptions) {
  const logger = options.logger.child({ module: 'connectors.payfit.client' })
  const retry = { ...defaultRetry, ...options.retry }
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs
  const attemptTimeoutMs = Math.min(options.attemptTimeoutMs ?? defaultAttemptTimeoutMs, timeoutMs)
  const fetchImpl = options.fetch ?? fetch
  const rawCalls: PayfitRawCall[] = []
  const scrub = (text: string) => text.split(options.apiKey).join('[redacted]')
  let callCount = 0

  function urlOf(spec: CallSpec): string {
    const base = spec.host === 'api' ? options.apiUrl : options.oauthUrl
    const url = new URL(spec.path, base.endsWith('/') ? base : `${base}/`)
    for (const [name, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value))
    }
    return url.toString()
  }

  async function attempt(spec: CallSpec, url: string, budgetMs: number): Promise<Reply> {
    const controller = new AbortController()
    const timer = setTimeout(() => {
      controller.abort()
    }, budgetMs)
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
      const bytes = new Uint8Array(await response.arrayBuffer())
      return { status: response.status, headers: response.headers, bytes }
    } catch (error) {
      throw controller.signal.aborted ? new AttemptTimeout() : error
    } finally {
      clearTimeout(timer)
    }
  }

  function record(spec: CallSpec, url: string, reply: Reply): void {
    if (options.captureRaw !== true) return
    const contentType = reply.headers.get('content-type') ?? ''
    const json = contentType.includes('json') ? decodeJson(reply.bytes) : invalidJson
    const response =
      json === invalidJson ? { content_type: contentType, size: reply.bytes.byteLength } : json
    rawCalls.push({ method: spec.method, url, status: reply.status, response })
  }

  function retryDelayMs(spec: CallSpec, outcome: Reply | Error, attemptNo: number) {
    const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attemptNo - 1))
    const jittered = backoff / 2 + Math.random() * (backoff / 2)
    if (outcome instanceof Error) return spec.kind === 'read' ? jittered : null
    // A 429 means PayFit did not process the call, so even a write may go again.
    const retryable =
      outcome.status === 429 || (spec.kind === 'read' && retryableStatuses.has(outcome.status))
    if (!retryable) return null
    return waitAskedMs(outcome.headers, outcome.status === 429) ?? jittered
  }

  function failure(spec: CallSpec, url: string, outcome: Reply | Error): Error {
    if (outcome instanceof AttemptTimeout) {
      return new ProviderTimeoutError(
        spec.kind === 'read'
          ? 'PayFit did not answer in time'
          : 'PayFit did not answer in time; the write may or may not have been applied',
      )
    }
    if (outcome instanceof Error) {
      return new ProviderUnavailableError('PayFit could not be reached', { cause: outcome })
    }
    const body = errorBodyOf(outcome.bytes)
    const error = errorForStatus(outcome, url, body === null ? null : scrubBody(body, scrub))
    if (spec.kind === 'write' && error instanceof ProviderError) {
      error.message += '; the write may or may not have been applied'
    }
    return error
  }

  /** Sends one call within its deadline, retrying what is safe to retry. */
  async function send(spec: CallSpec): Promise<Reply> {
    const url = urlOf(spec)
    const deadline = Date.now() + timeoutMs
    for (let attemptNo = 1; ; attemptNo += 1) {
      let outcome: Reply | Error
      await options.limiter?.acquire(spec.kind)
      const budgetMs = Math.min(attemptTimeoutMs, deadline - Date.now())
      if (budgetMs <= 0) throw failure(spec, url, new AttemptTimeout())
      try {
        outcome = await attempt(spec, url, budgetMs)
        record(spec, url, outcome)
        if (outcome.status < 400) return outcome
      } catch (error) {
        outcome = error instanceof Error ? error : new Error('fetch failed')
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

  /** Sends a call and parses its JSON reply with `schema`; an empty body reads as `null`. */
  async function sendJson<T>(spec: CallSpec, schema: z.ZodType<T>, what: string): Promise<T> {
    const reply = await send(spec)
    return parsePayfitReply(schema, decodeJsonOrThrow(reply.bytes, what), what)
  }

  return {
    send,
    sendJson,
    rawCalls,
    get callCount() {
      return callCount
    },
  }
}

export type PayfitTransport = ReturnType<typeof createPayfitTransport>

const invalidJson = Symbol('invalid JSON')

function decodeJson(bytes: Uint8Array): unknown {
  if (bytes.byteLength === 0) return null
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown
  } catch {
    return invalidJson
  }
}

function decodeJsonOrThrow(bytes: Uint8Array, what: string): unknown {
  const json = decodeJson(bytes)
  if (json === invalidJson) {
    throw new ProviderSchemaError(`PayFit sent a ${what} reply that is not JSON`, '')
  }
  return json
}

function errorBodyOf(bytes: Uint8Array): PayfitErrorBody | null {
  const result = payfitErrorBodySchema.safeParse(decodeJson(bytes))
  return result.success ? result.data : null
}

/** Only PayFit's documented error fields survive, cleaned and bounded (never the key). */
function scrubBody(body: PayfitErrorBody, scrub: (text: string) => string): PayfitErrorBody {
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
function waitAskedMs(headers: Headers, isRateLimited: boolean): number | null {
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

/** The one place PayFit statuses become our errors; the long tail goes by range. */
export function errorForStatus(reply: Reply, url: string, body: PayfitErrorBody | null): Error {
  const details = typeof body?.details === 'string' ? body.details : null
  const said = details ?? body?.error ?? body?.message ?? null
  const options = said === null ? undefined : { providerResponse: said }
  const raw = body === null ? null : { ...body }
  const providerErrors = [{ status: reply.status, url, raw }]

  switch (reply.status) {
    case 400:
      return new InvalidRequestError(
        `PayFit refused the request: ${said ?? 'no reason given'}`,
        options,
      )
    case 401:
      return new InvalidCredentialsError('PayFit no longer accepts this API key', options)
    case 403:
      return new MissingScopeError(missingScopePattern.exec(details ?? '')?.[1] ?? null)
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
  if (reply.status >= 500) {
    return new ProviderError(`PayFit failed with status ${reply.status}`, providerErrors, options)
  }
  return new ProviderError(
    `PayFit answered with unexpected status ${reply.status}`,
    providerErrors,
    options,
  )
}

/** Follows `meta.nextPageToken` 50 items at a time; a token seen twice ends with an error. */
export async function* walkPages<T>(
  listPage: (page: { maxResults: number; nextPageToken?: string }) => Promise<PayfitPage<T>>,
): AsyncGenerator<PayfitPage<T>> {
  const seen = new Set<string>()
  let nextPageToken: string | undefined
  for (;;) {
    const page = await listPage({ maxResults: 50, nextPageToken })
    yield page
    if (page.nextPageToken === null || page.items.length === 0) return
    if (seen.has(page.nextPageToken)) {
      throw new ProviderError('PayFit sent a page token it had already sent; paging stopped', [
        { status: 200, url: null, raw: { nextPageToken: page.nextPageToken } },
      ])
    }
    seen.add(page.nextPageToken)
    nextPageToken = page.nextPageToken
  }
}

export type PayfitClientOptions = PayfitTransportOptions

type Query = CallSpec['query']

const segment = encodeURIComponent
const companyPath = (companyId: string) => `companies/${segment(companyId)}`
const collaboratorPage = payfitPageSchema('collaborators', payfitCollaboratorSchema)
const contractPage = payfitPageSchema('contracts', payfitContractSchema)
const contractFrPage = payfitPageSchema('contracts', payfitContractFrSchema)
const absencePage = payfitPageSchema('absences', payfitAbsenceSchema)

function pageQuery(query: PayfitPageQuery): Query {
  return { ...query.proxy, maxResults: query.maxResults, nextPageToken: query.nextPageToken }
}

/** PayFit's API as methods named in its words; every reply is parsed before it is returned. */
export function createPayfitClient(options: PayfitClientOptions) {
  if (!isPlausibleApiKey(options.apiKey)) {
    throw new InvalidCredentialsError('The PayFit API key is malformed', {
      providerResponse: 'The API key has characters or a length PayFit never issues.',
    })
  }
  const transport = createPayfitTransport(options)
  const get = <T>(what: string, schema: z.ZodType<T>, path: string, query?: Query) =>
    transport.sendJson({ method: 'GET', host: 'api', path, query, kind: 'read' }, schema, what)
  const write = (method: 'POST' | 'DELETE', path: string, body?: unknown) =>
    transport.send({ method, host: 'api', path, body, kind: 'write' })
  const parsed = async <T>(what: string, schema: z.ZodType<T>, reply: Promise<Reply>) =>
    parsePayfitReply(schema, decodeJsonOrThrow((await reply).bytes, what), what)

  return {
    get callCount() {
      return transport.callCount
    },
    rawCalls: transport.rawCalls,
    pages: walkPages,

    // Introspection only reads, so it retries like a GET (§3.4).
    introspect: () =>
      transport.sendJson(
        {
          method: 'POST',
          host: 'oauth',
          path: 'introspect',
          body: { token: options.apiKey },
          kind: 'read',
        },
        payfitIntrospectionSchema,
        'introspection',
      ),

    getCompany: (companyId: string) => get('company', payfitCompanySchema, companyPath(companyId)),

    // A different root, not a suffix (§2).
    getCompanyFr: (companyId: string) =>
      get('French company', payfitCompanyFrSchema, `companies-fr/${segment(companyId)}`),

    getPayrollStatus: (companyId: string, date: string) =>
      get('payroll status', payfitPayrollStatusSchema, `${companyPath(companyId)}/payroll-status`, {
        date,
      }),

    listCollaborators: (companyId: string, query: PayfitCollaboratorQuery = {}) =>
      get('collaborator list', collaboratorPage, `${companyPath(companyId)}/collaborators`, {
        ...pageQuery(query),
        email: query.email,
        includeInProgressContracts: query.includeInProgressContracts,
      }),

    getCollaborator: (companyId: string, collaboratorId: string) =>
      get(
        'collaborator',
        payfitCollaboratorSchema,
        `${companyPath(companyId)}/collaborators/${segment(collaboratorId)}`,
      ),

    listContracts: (companyId: string, query: PayfitContractQuery = {}) =>
      get('contract list', contractPage, `${companyPath(companyId)}/contracts`, {
        ...pageQuery(query),
        includeInProgressContracts: query.includeInProgressContracts,
      }),

    getContract: (companyId: string, contractId: string) =>
      get(
        'contract',
        payfitContractSchema,
        `${companyPath(companyId)}/contracts/${segment(contractId)}`,
      ),

    listContractsFr: (companyId: string, query: PayfitContractQuery = {}) =>
      get('French contract list', contractFrPage, `${companyPath(companyId)}/contracts-fr`, {
        ...pageQuery(query),
        includeInProgressContracts: query.includeInProgressContracts,
      }),

    getContractFr: (companyId: string, contractId: string) =>
      get(
        'French contract',
        payfitContractFrSchema,
        `${companyPath(companyId)}/contracts-fr/${segment(contractId)}`,
      ),

    listAbsences: (companyId: string, query: PayfitAbsenceQuery = {}) =>
      get('absence list', absencePage, `${companyPath(companyId)}/absences`, {
        ...pageQuery(query),
        contractId: query.contractId,
        status: Array.isArray(query.status) ? query.status.join(',') : query.status,
        beginDate: query.beginDate,
        endDate: query.endDate,
      }),

    listPayslips: (companyId: string, collaboratorId: string) =>
      get(
        'payslip list',
        payfitPayslipListSchema,
        `${companyPath(companyId)}/collaborators/${segment(collaboratorId)}/payslips`,
      ),

    getPayslipPdf: async (companyId: string, payslip: PayslipRef) => {
      const path = [
        companyPath(companyId),
        `collaborators/${segment(payslip.collaboratorId)}`,
        `contracts/${segment(payslip.contractId)}`,
        `payslips/${segment(payslip.payslipId)}`,
      ].join('/')
      const reply = await transport.send({
        method: 'GET',
        host: 'api',
        path,
        kind: 'read',
        accept: 'application/pdf',
      })
      const contentType = reply.headers.get('content-type') ?? 'application/octet-stream'
      return { bytes: reply.bytes, contentType }
    },

    createCollaborator: (companyId: string, body: PayfitCollaboratorInput) =>
      parsed(
        'created collaborator',
        payfitCreatedCollaboratorSchema,
        write('POST', `${companyPath(companyId)}/collaborators`, body),
      ),

    // PayFit answers 201 with an empty body; the contract is readable minutes later (§9.13).
    initContract: async (companyId: string, collaboratorId: string, body: PayfitContractInput) => {
      const path = `${companyPath(companyId)}/collaborators/${segment(collaboratorId)}/contracts`
      await write('POST', path, body)
    },

    createAbsence: (companyId: string, body: PayfitAbsenceInput) =>
      parsed(
        'created absence',
        payfitCreatedAbsenceSchema,
        write('POST', `${companyPath(companyId)}/absences`, body),
      ),

    cancelAbsence: async (companyId: string, absenceId: string, comment?: string) => {
      const path = `${companyPath(companyId)}/absences/${segment(absenceId)}`
      await write('DELETE', path, comment === undefined ? undefined : { comment })
    },
  }
}

export interface PayslipRef {
  collaboratorId: string
  contractId: string
  payslipId: string
}

export type PayfitClient = ReturnType<typeof createPayfitClient>
