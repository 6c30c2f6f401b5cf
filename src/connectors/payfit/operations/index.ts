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
  // One per account and key with background work (by read prefix), so that deleting or
  // relinking an account stops only its own, and only what runs on a key it no longer has.
  const stoppers = new Map<string, AbortController>()
  const stopSignal = (prefix: string) => {
    let stopper = stoppers.get(prefix)
    if (stopper === undefined) {
      stopper = new AbortController()
      stoppers.set(prefix, stopper)
    }
    return stopper.signal
  }
  return {
    close() {
      for (const stopper of stoppers.values()) stopper.abort()
      stoppers.clear()
      readAhead.clear()
    },

    forget(accountId, current) {
      const kept = current === undefined ? undefined : readPrefixOf(accountId, current)
      for (const [prefix, stopper] of stoppers) {
        if (!prefix.startsWith(`${accountId}|`) || prefix === kept) continue
        stopper.abort()
        stoppers.delete(prefix)
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
      const background: BackgroundWalks = {
        start: (list) => {
          const deadline = Date.now() + deps.contractWalkTimeoutMs
          const signal = stopSignal(readPrefixOf(account.id, account.credentials))
          return {
            client: deps.createClient(apiKey, {
              captureRaw: false,
              limiter,
              deadline,
              deadlineName: `the deadline of the walk of the company's ${list}`,
              signal,
            }),
            patience: {
              deadline,
              signal,
              onPause: (pause) => {
                deps.logger.warn(
                  {
                    account: account.id,
                    attempt: pause.attempt,
                    waitMs: pause.waitMs,
                    kind: pause.error.kind,
                  },
                  `a page of the company's ${list} failed; asking again after a pause`,
                )
              },
            },
          }
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
