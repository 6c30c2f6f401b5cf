import type { ConnectorContext } from '../registry.ts'
import type { Connector, ConnectorSettings } from '../types.ts'
import { createPayfitClient, type PayfitClient, type PayfitLimiter } from './client.ts'
import {
  missingOptionalScopes,
  payfitApiUrl,
  payfitDescriptor,
  payfitOauthUrl,
} from './descriptor.ts'
import { createReadCache, type CacheLimits } from './operations/cache.ts'
import { createPayfitHrisOperations } from './operations/index.ts'
import { createKeyLimiters, type KeyLimiters, type PayfitRateLimits } from './rate-limit.ts'
import { verifyApiKey } from './verify.ts'

export interface PayfitConnector extends Connector {
  /** A client for one linked account; create one per unified request to scope `rawCalls`. */
  createClient(
    apiKey: string,
    options?: {
      captureRaw?: boolean
      limiter?: PayfitLimiter
      timeoutMs?: number
      /** When the whole request must be over (epoch ms). */
      deadline?: number
      /** What that deadline is, for a timeout's message. */
      deadlineName?: string
      /** Ends every call at once (the hub is closing). */
      signal?: AbortSignal
    },
  ): PayfitClient
}

/** Tuning of the unified operations: one limiter per key and one read cache per process. */
export interface PayfitOperationsSettings {
  rateLimits?: Partial<PayfitRateLimits>
  /** Shared limiters (they then ignore `rateLimits`), e.g. to watch their queue. */
  limiters?: KeyLimiters
  cache?: Partial<CacheLimits>
  /** Deadline of one unified request, every PayFit call and wait included (default 30 s). */
  requestTimeoutMs?: number
  /**
   * Deadline of a walk of a company's whole contract list, which runs on when the request that
   * started it has answered (default 10 minutes: some 12,000 pages at 50 ms).
   */
  contractWalkTimeoutMs?: number
}

const defaultRequestTimeoutMs = 30_000
const defaultContractWalkTimeoutMs = 10 * 60_000

export function createPayfitConnector(
  settings: ConnectorSettings,
  operations: PayfitOperationsSettings = {},
): PayfitConnector {
  const apiUrl = settings.urls.api ?? payfitApiUrl
  const oauthUrl = settings.urls.oauth ?? payfitOauthUrl
  const { logger } = settings

  const createClient: PayfitConnector['createClient'] = (apiKey, options = {}) =>
    createPayfitClient({
      apiUrl,
      oauthUrl,
      apiKey,
      logger,
      timeoutMs: options.timeoutMs ?? settings.timeoutMs,
      captureRaw: options.captureRaw,
      limiter: options.limiter,
      deadline: options.deadline,
      deadlineName: options.deadlineName,
      signal: options.signal,
    })

  // Checking a key at link time spends that key's PayFit budget like any read.
  const limiters = operations.limiters ?? createKeyLimiters(operations.rateLimits)
  return {
    descriptor: payfitDescriptor,
    verify: (credentials) =>
      verifyApiKey(
        { apiUrl, oauthUrl, logger, timeoutMs: settings.timeoutMs, limiters },
        credentials.api_key ?? '',
      ),
    missingOptionalScopes,
    createClient,
    hris: createPayfitHrisOperations({
      createClient,
      requestTimeoutMs: operations.requestTimeoutMs ?? defaultRequestTimeoutMs,
      contractWalkTimeoutMs: operations.contractWalkTimeoutMs ?? defaultContractWalkTimeoutMs,
      limiters,
      cache: createReadCache(operations.cache),
      logger,
    }),
  }
}

/** PayFit's settings from the hub's: `PAYFIT_API_URL` and `PAYFIT_OAUTH_URL`, a child logger. */
export function payfitSettingsFromConfig(context: ConnectorContext): ConnectorSettings {
  return {
    urls: { api: context.config.payfitApiUrl, oauth: context.config.payfitOauthUrl },
    logger: context.logger.child({ module: 'connectors.payfit' }),
    timeoutMs: context.timeoutMs,
  }
}

export function createPayfitConnectorFromConfig(context: ConnectorContext): PayfitConnector {
  return createPayfitConnector(payfitSettingsFromConfig(context))
}

export { payfitDescriptor } from './descriptor.ts'
export type { PayfitClient, PayfitLimiter, PayfitRawCall } from './client.ts'
