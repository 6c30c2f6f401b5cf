import type { Logger } from '../../../log.ts'
import type { RawResponse } from '../../../unified/envelopes.ts'
import type { HrisOperations, HrisSession } from '../../../unified/operations.ts'
import type { PayfitClient, PayfitLimiter, PayfitRawCall } from '../client.ts'
import type { KeyLimiters } from '../rate-limit.ts'
import type { ReadCache } from './cache.ts'
import * as company from './company.ts'
import { createPayfitContext, readPrefixOf, type BackgroundWalks } from './context.ts'
import { createReadAhead } from './read-ahead.ts'
import * as documents from './documents.ts'
import * as employees from './employees.ts'
import * as employments from './employments.ts'
import * as timeOff from './time-off.ts'
import { createPayfitWrites, readEmployeeEmployment } from './writes/index.ts'

export interface PayfitOperationsDeps {
  createClient(
    apiKey: string,
    options: {
      captureRaw: boolean
      limiter: PayfitLimiter
      deadline: number
      deadlineName?: string
      signal?: AbortSignal
    },
  ): PayfitClient
  /** Every PayFit call of one unified request ends within this, from when it opens. */
  requestTimeoutMs: number
  /** A walk of a company's whole contract list ends within this, whoever waits for it. */
  contractWalkTimeoutMs: number
  limiters: KeyLimiters
  cache: ReadCache
  logger: Logger
}

/**
 * The unified HRIS operations answered from PayFit; one client (and call count) per request, so
 * the request's deadline reaches every call it makes.
 */
export function createPayfitHrisOperations(deps: PayfitOperationsDeps): HrisOperations {
  const readAhead = createReadAhead()
  // The walks under way per account and key (by read prefix), so that deleting or relinking an
  // account stops only its own, and only those that run on a key it no longer has.
  const walks = new Map<string, { stopper: AbortController; running: number }>()
  const beginWalk = (prefix: string) => {
    let under = walks.get(prefix)
    if (under === undefined) {
      under = { stopper: new AbortController(), running: 0 }
      walks.set(prefix, under)
    }
    const walk = under
    walk.running += 1
    return {
      signal: walk.stopper.signal,
      end: () => {
        walk.running -= 1
        if (walk.running === 0 && walks.get(prefix) === walk) walks.delete(prefix)
      },
    }
  }
  return {
    close() {
      for (const { stopper } of walks.values()) stopper.abort()
      walks.clear()
      readAhead.clear()
    },

    forget(accountId, current) {
      const kept = current === undefined ? undefined : readPrefixOf(accountId, current)
      for (const [prefix, { stopper }] of walks) {
        if (!prefix.startsWith(`${accountId}|`) || prefix === kept) continue
        stopper.abort()
        walks.delete(prefix)
        readAhead.clear(prefix)
      }
      if (kept === undefined) readAhead.clear(`${accountId}|`)
      deps.cache.invalidate(`${accountId}|`)
    },

    open(account, options): HrisSession {
      const apiKey = account.credentials.api_key ?? ''
      const limiter = deps.limiters.forKey(apiKey)
      const requestDeadline = Date.now() + deps.requestTimeoutMs
      const client = deps.createClient(apiKey, {
        captureRaw: options.captureRaw,
        limiter,
        deadline: requestDeadline,
      })
      const prefix = readPrefixOf(account.id, account.credentials)
      const background: BackgroundWalks = {
        start: (list) => {
          const deadline = Date.now() + deps.contractWalkTimeoutMs
          const { signal, end } = beginWalk(prefix)
          const walkClient = deps.createClient(apiKey, {
            captureRaw: false,
            limiter,
            deadline,
            deadlineName: `the deadline of the walk of the company's ${list}`,
            signal,
          })
          return { client: walkClient, deadline, signal, end }
        },
        requestDeadline,
        logger: deps.logger,
      }
      const context = createPayfitContext(
        client,
        account,
        options,
        deps.cache,
        readAhead,
        background,
      )
      const { pendingEmployments } = options
      const forgetCachedReads = () => {
        deps.cache.invalidate(`${account.id}|`)
      }

      return {
        listEmployees: (list) => employees.listEmployees(context, list),
        getEmployee: (id) => employees.getEmployee(context, id),
        listEmployments: (list) => employments.listEmployments(context, list),
        getEmployment: (id) => employments.getEmployment(context, id),
        listEmployeeEmployments: (employeeId, list) =>
          employments.listEmployeeEmployments(context, employeeId, list),
        getEmployeeEmployment: readEmployeeEmployment(
          context,
          account.id,
          pendingEmployments,
          (e, id) => employments.getEmployeeEmployment(context, e, id),
        ),
        listCompanies: (list) => company.listCompanies(context, list),
        getCompany: (id) => company.getCompany(context, id),
        listLocations: (list) => company.listLocations(context, list),
        getLocation: (id) => company.getLocation(context, id),
        listTimeOffRequests: (list) => timeOff.listTimeOffRequests(context, list),
        getTimeOffRequest: (id) => timeOff.getTimeOffRequest(context, id),
        listEmployeeTimeOffRequests: (employeeId, list) =>
          timeOff.listEmployeeTimeOffRequests(context, employeeId, list),
        getEmployeeTimeOffRequest: (employeeId, id) =>
          timeOff.getEmployeeTimeOffRequest(context, employeeId, id),
        listTimeOffTypes: (list) => timeOff.listTimeOffTypes(context, list),
        getTimeOffType: (id) => timeOff.getTimeOffType(context, id),
        listEmployeeWorkEligibility: (employeeId, list) =>
          documents.listEmployeeWorkEligibility(context, employeeId, list),
        getEmployeeWorkEligibility: (employeeId, id) =>
          documents.getEmployeeWorkEligibility(context, employeeId, id),
        listEmployeeDocuments: (employeeId, list) =>
          documents.listEmployeeDocuments(context, employeeId, list),
        getEmployeeDocument: (employeeId, id) =>
          documents.getEmployeeDocument(context, employeeId, id),
        downloadEmployeeDocument: (employeeId, id) =>
          documents.downloadEmployeeDocument(context, employeeId, id),
        // PayFit's only grouping is the team, so every group is a team.
        listGroups: (list) => company.listTeamGroups(context, list),
        getGroup: (id) => company.getTeamGroup(context, id),
        listTeamGroups: (list) => company.listTeamGroups(context, list),
        getTeamGroup: (id) => company.getTeamGroup(context, id),
        ...createPayfitWrites(context, account.id, pendingEmployments, forgetCachedReads),
        rawCalls: () => client.rawCalls.map(toRawResponse),
        callCount: () => client.callCount,
      }
    },
  }
}

function toRawResponse(call: PayfitRawCall): RawResponse {
  const { response } = call
  const shaped =
    response === null || typeof response === 'string' || typeof response === 'object'
      ? (response as RawResponse['response'])
      : JSON.stringify(response)
  return { method: call.method, url: call.url, response: shaped }
}
