import { createHash } from 'node:crypto'

import { InvalidRequestError, NotFoundError, ProviderStillLoadingError } from '../../../errors.ts'
import type { HrisAccount, HrisSessionOptions } from '../../../unified/operations.ts'
import type { PayfitClient } from '../client.ts'
import { employmentFactsOf, type AnyPayfitContract } from '../mapping.ts'
import type { PayfitAbsence, PayfitCompany, PayfitPage } from '../schemas.ts'
import type { Logger } from '../../../log.ts'
import type { CacheUse, ReadCache } from './cache.ts'
import { ContractIndex } from './contract-index.ts'
import { patiently, type Patience } from './patient-pages.ts'
import type { PageFetcher } from './paging.ts'
import type { ReadAhead } from './read-ahead.ts'

/**
 * A client paging through a large company's employees (or reading each employee's time off in
 * turn) comes back to the index for every page, for longer than the cache's lifetime (a
 * 100,000-employee walk at 50 ms a PayFit call takes minutes); dropping it mid-walk would walk
 * every contract again. So such a walk keeps it, within a bound.
 */
const walkingUse: CacheUse = { keepWhileUsedMs: 15 * 60_000 }

/**
 * The cache bounds what it keeps in items (collaborators, absences), about a kilobyte each once
 * parsed; the contract index is far denser (under 90 bytes a contract), so it weighs what its
 * bytes would in items. Five companies of 100,000 contracts then fit where one used to.
 */
const bytesPerCachedItem = 1_000

/**
 * A list page is cached for a client that asks for it again (a retry, a listing of teams beside
 * one of employees), not for the length of a walk: a client paging through a large company
 * moves on, and 30 s of pages behind it would be hundreds of pages held for nothing.
 */
const pageUse: CacheUse = { ttlMs: 5_000, asReply: true }

/** What one unified request needs to talk to PayFit for one account. */
export interface PayfitContext {
  client: PayfitClient
  companyId: string
  today: string
  proxy: Record<string, string>
  company(): Promise<PayfitCompany>
  /** The FR company reads `/contracts-fr`, whose DSN codes give the employment type. */
  isFrench(): Promise<boolean>
  /**
   * `walking`: for reads a client repeats across the company (pages of employees or time off,
   * each employee's time off in turn), which keep the index while they go on. Each of them also
   * calls PayFit, so a revoked key still shows; a read answered from the index alone (an
   * employee's employments) does not keep it.
   */
  contracts(use?: { walking: boolean }): Promise<ContractIndex>
  /** The cached index when a fresh one is already built, without starting or awaiting a walk. */
  builtContracts(): Promise<ContractIndex | undefined>
  /** Every absence of the company (`status=all`) by id: PayFit has no single-absence read. */
  absences(): Promise<ReadonlyMap<string, PayfitAbsence>>
  /** The collaborators' team names, sorted: PayFit's only grouping, read off every collaborator. */
  teamNames(): Promise<readonly string[]>
  /** A cached PayFit page per token (`name` separates lists and their query). */
  pages<T>(name: string, fetch: PageFetcher<T>): PageFetcher<T>
  /**
   * `pages`, also taking pages a read-ahead chain holds; `follow(token)` points the chain at
   * where the request starts, and `window(held)` is how many pages it may hold untaken.
   */
  readAheadPages<T>(
    name: string,
    fetch: PageFetcher<T>,
    window: (held: number) => number,
  ): ReadAheadPages<T>
}

/** Walks of a whole company-wide list that may outlast the request asking for them. */
export interface BackgroundWalks {
  /** A walk starting: it reads with `client`, under the walk's own deadline. */
  start: (list: string) => StartedWalk
  /** When the request waiting for such a walk must answer instead (epoch ms). */
  requestDeadline: number
  logger: Logger
}

export interface StartedWalk {
  client: PayfitClient
  /** When the walk must be over (epoch ms), longer than a request's deadline. */
  deadline: number
  /** Aborted when the hub closes or the account's key is replaced or deleted. */
  signal: AbortSignal
  /** The walk is over, whatever its outcome. */
  end(): void
}

export interface ReadAheadPages<T> {
  fetch: PageFetcher<T>
  follow(token: string | null): void
}

export function createPayfitContext(
  client: PayfitClient,
  account: HrisAccount,
  options: HrisSessionOptions,
  cache: ReadCache,
  readAhead?: ReadAhead,
  background?: BackgroundWalks,
): PayfitContext {
  const companyId = account.externalId
  const prefix = readPrefixOf(account.id, account.credentials)

  // `raw=true` shows the calls behind the answer, so it reads PayFit afresh and caches nothing.
  function cached<T>(
    name: string,
    load: () => Promise<T>,
    weigh: (value: T) => number,
    use?: CacheUse,
  ) {
    return options.captureRaw ? load() : cache.get(prefix + name, load, weigh, use)
  }

  const company = () =>
    cached(
      'company',
      () => client.getCompany(companyId),
      () => 1,
    )
  const isFrench = async () => (account.country ?? (await company()).country) === 'FR'

  // `raw=true` walks with the request's client, so the calls show in its answer.
  const walker = options.captureRaw ? undefined : background

  async function loadContracts({ walk, patient }: WalkReader): Promise<ContractIndex> {
    const french = await isFrench()
    const index = new ContractIndex()
    const listPage = patient((page: PageQuery) =>
      french ? walk.listContractsFr(companyId, page) : walk.listContracts(companyId, page),
    )
    for await (const page of walk.pages<AnyPayfitContract>(listPage)) {
      for (const contract of page.items) index.add(employmentFactsOf(contract))
    }
    return index
  }

  async function loadAbsences({ walk, patient }: WalkReader): Promise<Map<string, PayfitAbsence>> {
    const absences = new Map<string, PayfitAbsence>()
    const listPage = patient((page: PageQuery) =>
      walk.listAbsences(companyId, { ...page, status: 'all' }),
    )
    for await (const page of walk.pages(listPage)) {
      for (const absence of page.items) absences.set(absence.id, absence)
    }
    return absences
  }

  async function loadTeamNames({ walk, patient }: WalkReader): Promise<string[]> {
    const names = new Set<string>()
    const listPage = patient((page: PageQuery) => walk.listCollaborators(companyId, page))
    for await (const page of walk.pages(listPage)) {
      for (const collaborator of page.items) {
        if (collaborator.teamName) names.add(collaborator.teamName)
      }
    }
    return [...names].sort((a, b) => a.localeCompare(b))
  }

  /**
   * A read of a whole company-wide list, shared through the cache. In the background, it goes
   * on when the request that started it answers 408; nobody may be waiting when it fails, so
   * its failure is logged here (the next request starts a new walk).
   */
  function companyWide<T>(
    list: string,
    load: (reader: WalkReader) => Promise<T>,
    weigh: (value: T) => number,
    use: CacheUse = {},
  ): Promise<T> {
    if (walker === undefined) {
      return cached(list, () => load({ walk: client, patient: (listPage) => listPage }), weigh, use)
    }
    const { logger, requestDeadline } = walker
    const inBackground = async () => {
      const started = walker.start(list)
      const patience: Patience = {
        deadline: started.deadline,
        signal: started.signal,
        onPause: ({ attempt, waitMs, error }) => {
          logger.warn(
            { account: account.id, list, attempt, waitMs, kind: error.kind },
            `a page of the company's ${list} failed; asking again after a pause`,
          )
        },
      }
      try {
        return await load({
          walk: started.client,
          patient: (listPage) => patiently(listPage, patience),
        })
      } catch (error) {
        logger.warn(
          { account: account.id, list, kind: (error as { kind?: string }).kind ?? 'unexpected' },
          `the walk of the company's ${list} failed`,
        )
        throw error
      } finally {
        started.end()
      }
    }
    const walk = cached(list, inBackground, weigh, { ...use, handOver: true })
    return answerBy(walk, requestDeadline, list)
  }

  return {
    client,
    companyId,
    today: options.today,
    proxy: options.proxy,
    company,
    isFrench,
    contracts: (use) =>
      companyWide(
        'contracts',
        loadContracts,
        (index) => Math.ceil(index.bytes / bytesPerCachedItem),
        use?.walking === true ? walkingUse : {},
      ),
    absences: () => companyWide('absences', loadAbsences, (absences) => absences.size),
    teamNames: () => companyWide('collaborators', loadTeamNames, (names) => names.length),
    async builtContracts() {
      const index = options.captureRaw ? undefined : cache.peek<ContractIndex>(`${prefix}contracts`)
      if (index === undefined) return undefined
      // A promise already settled wins the race against one settled after it.
      const notYet = Symbol('not yet built')
      const first = await Promise.race([index, Promise.resolve(notYet)]).catch(() => notYet)
      return first === notYet ? undefined : (first as ContractIndex)
    },
    pages,
    readAheadPages<T>(name: string, fetch: PageFetcher<T>, window: (held: number) => number) {
      // `raw=true` shows every call behind its answer, so it takes nothing read ahead.
      if (options.captureRaw || readAhead === undefined) {
        return { fetch: pages(name, fetch), follow: () => undefined }
      }
      const listing = `${prefix}page|${name}`
      const source = { fetch, window }
      const takeOrFetch = (token: string | null): Promise<PayfitPage<T>> => {
        const held = readAhead.take(listing, token) as Promise<PayfitPage<T>> | undefined
        return held === undefined ? fetch(token) : held.catch(() => fetch(token))
      }
      return {
        fetch: pages(name, takeOrFetch),
        follow: (token: string | null) => {
          readAhead.follow(listing, token, source, !cache.has(`${listing}|${token ?? ''}`))
        },
      }
    },
  }

  function pages<T>(name: string, fetch: PageFetcher<T>): PageFetcher<T> {
    return (token) =>
      cached<PayfitPage<T>>(
        `page|${name}|${token ?? ''}`,
        () => fetch(token),
        (page) => page.items.length,
        pageUse,
      )
  }
}

type PageQuery = { maxResults: number; nextPageToken?: string }

/**
 * What a walk of a company-wide list reads with: the client, and `patient`, which in the
 * background asks for a page again after a failure that passes.
 */
interface WalkReader {
  walk: PayfitClient
  patient: <P>(listPage: (page: PageQuery) => Promise<P>) => (page: PageQuery) => Promise<P>
}

/**
 * Waits for a background walk until the request must answer; past that, a 408 with
 * `Retry-After: 1` while the walk goes on. The retried request waits again, so a client that
 * retries (StackOne's SDK does on 408) gets its answer about when the walk ends.
 */
function answerBy<T>(walk: Promise<T>, deadline: number, list: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        reject(
          new ProviderStillLoadingError(
            `PayFit is still listing this company's ${list}, which this answer needs; the ` +
              'listing goes on in the background, so ask again',
            1,
          ),
        )
      },
      Math.max(0, deadline - Date.now()),
    )
  })
  return Promise.race([walk, late]).finally(() => {
    clearTimeout(timer)
  })
}

/**
 * What the reads of an account with these credentials are kept under (cache, read-ahead, walks):
 * the account and a fingerprint of its key, so a replaced key never sees what the old one read.
 */
export function readPrefixOf(accountId: string, credentials: Record<string, string>): string {
  const fingerprint = createHash('sha256')
    .update(credentials.api_key ?? '')
    .digest('base64url')
    .slice(0, 16)
  return `${accountId}|${fingerprint}|`
}

/** `proxy[k]=v` pairs this operation forwards; any other key is refused, never passed on. */
export function forwardedProxy(
  proxy: Record<string, string>,
  allowed: readonly string[],
): Record<string, string> {
  const refused = Object.keys(proxy).filter((key) => !allowed.includes(key))
  if (refused.length > 0) {
    const accepted = allowed.length === 0 ? 'none' : allowed.join(', ')
    throw new InvalidRequestError(
      `proxy[${refused[0] ?? ''}] is not forwarded to PayFit by this operation (accepted: ${accepted})`,
    )
  }
  return proxy
}

/** PayFit's 404 said in the unified API's words ("Employee not found"). */
export async function orNotFound<T>(read: Promise<T>, message: string): Promise<T> {
  try {
    return await read
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(message)
    throw error
  }
}

/** A read whose 404 means "gone" (an archived contract PayFit no longer serves). */
export async function nullIfNotFound<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read
  } catch (error) {
    if (error instanceof NotFoundError) return null
    throw error
  }
}

/** `proxy[includeInProgressContracts]` as the boolean the client sends (PayFit's own word). */
export function inProgressContracts(proxy: Record<string, string>): boolean | undefined {
  const value = proxy.includeInProgressContracts
  if (value === undefined) return undefined
  if (value === 'true' || value === 'false') return value === 'true'
  throw new InvalidRequestError('proxy[includeInProgressContracts] must be true or false')
}
