import type { z } from 'zod'

import { InvalidCredentialsError, ProviderError } from '../../errors.ts'
import {
  payfitAbsenceSchema,
  payfitCollaboratorSchema,
  payfitCompanyFrSchema,
  payfitCompanySchema,
  payfitContractFrSchema,
  payfitContractSchema,
  payfitCreatedAbsenceSchema,
  payfitCreatedCollaboratorSchema,
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
  type PayfitPage,
  type PayfitPageQuery,
} from './schemas.ts'
import { createPayfitTransport, type CallSpec, type PayfitTransportOptions } from './transport.ts'
import { rememberReply } from './reply-source.ts'

export { ScopeForbiddenError, errorForStatus } from './status-errors.ts'
export type { CallKind, Reply } from './status-errors.ts'
export { createPayfitTransport } from './transport.ts'
export type {
  CallSpec,
  EndCall,
  PayfitLimiter,
  PayfitRawCall,
  PayfitRetryPolicy,
  PayfitTransport,
  PayfitTransportOptions,
  ReplyLimits,
} from './transport.ts'

const printableKey = /^[\x21-\x7e]{8,512}$/
// 1,000,000 items: ten times the largest company we measure (a contract walk of 100,000
// employees is some 2,100 pages). A provider handing out new tokens forever is stopped by the
// walk's deadline at PayFit's pace, and by this bound when it answers faster.
const defaultMaxPages = 20_000

/** Keys are opaque (§3.1); this only refuses what cannot be one and would break the header. */
export function isPlausibleApiKey(apiKey: string): boolean {
  return printableKey.test(apiKey)
}

type PageRequest = { maxResults: number; nextPageToken?: string }

/**
 * Follows `meta.nextPageToken` 50 items at a time. A token seen twice, or more than `maxPages`
 * pages, ends the walk with a `ProviderError`.
 */
export async function* walkPages<T>(
  listPage: (page: PageRequest) => Promise<PayfitPage<T>>,
  maxPages: number = defaultMaxPages,
): AsyncGenerator<PayfitPage<T>> {
  const seen = new Set<string>()
  let nextPageToken: string | undefined
  for (let pages = 1; ; pages += 1) {
    const page = await listPage({ maxResults: 50, nextPageToken })
    yield page
    if (page.nextPageToken === null || page.items.length === 0) return
    if (seen.has(page.nextPageToken)) {
      throw new ProviderError('PayFit sent a page token it had already sent; paging stopped', [
        { status: 200, url: null, raw: { nextPageToken: page.nextPageToken } },
      ])
    }
    if (pages >= maxPages) {
      throw new ProviderError(`PayFit listed more than ${String(maxPages)} pages; paging stopped`, [
        { status: 200, url: null, raw: { nextPageToken: page.nextPageToken } },
      ])
    }
    seen.add(page.nextPageToken)
    nextPageToken = page.nextPageToken
  }
}

export interface PayfitClientOptions extends PayfitTransportOptions {
  /** Bound on the pages one `pages()` walk follows. */
  maxPages?: number
}

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
  // A page can be held as its reply's bytes and parsed again (reply-source.ts).
  const getPage = async <T>(
    what: string,
    schema: z.ZodType<PayfitPage<T>>,
    path: string,
    query?: Query,
  ) => {
    const reply = await transport.send({ method: 'GET', host: 'api', path, query, kind: 'read' })
    const page = transport.parseJson(reply, schema, what)
    const again = transport.parseLater(reply, schema, what)
    if (again === null) return page
    const read = (): PayfitPage<T> => rememberReply(again(), read)
    return rememberReply(page, read)
  }
  const write = (method: 'POST' | 'DELETE', path: string, body?: unknown) =>
    transport.send({ method, host: 'api', path, body, kind: 'write' })
  const parsed = async <T>(what: string, schema: z.ZodType<T>, reply: ReturnType<typeof write>) =>
    transport.parseJson(await reply, schema, what)
  const maxPages = options.maxPages ?? defaultMaxPages

  return {
    get callCount() {
      return transport.callCount
    },
    rawCalls: transport.rawCalls,
    pages: <T>(listPage: (page: PageRequest) => Promise<PayfitPage<T>>) =>
      walkPages(listPage, maxPages),

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
      getPage('collaborator list', collaboratorPage, `${companyPath(companyId)}/collaborators`, {
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
      getPage('contract list', contractPage, `${companyPath(companyId)}/contracts`, {
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
      getPage('French contract list', contractFrPage, `${companyPath(companyId)}/contracts-fr`, {
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
      getPage('absence list', absencePage, `${companyPath(companyId)}/absences`, {
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
