import type { Connector, ConnectorSettings } from '../types.ts'
import { createPayfitClient, type PayfitClient, type PayfitLimiter } from './client.ts'
import { payfitApiUrl, payfitDescriptor, payfitOauthUrl } from './descriptor.ts'
import { verifyApiKey } from './verify.ts'

export interface PayfitConnector extends Connector {
  /** A client for one linked account; create one per unified request to scope `rawCalls`. */
  createClient(
    apiKey: string,
    options?: { captureRaw?: boolean; limiter?: PayfitLimiter; timeoutMs?: number },
  ): PayfitClient
}

export function createPayfitConnector(settings: ConnectorSettings): PayfitConnector {
  const apiUrl = settings.urls.api ?? payfitApiUrl
  const oauthUrl = settings.urls.oauth ?? payfitOauthUrl
  const { logger } = settings

  return {
    descriptor: payfitDescriptor,
    verify: (credentials) =>
      verifyApiKey(
        { apiUrl, oauthUrl, logger, timeoutMs: settings.timeoutMs },
        credentials.api_key ?? '',
      ),
    createClient: (apiKey, options = {}) =>
      createPayfitClient({
        apiUrl,
        oauthUrl,
        apiKey,
        logger,
        timeoutMs: options.timeoutMs ?? settings.timeoutMs,
        captureRaw: options.captureRaw,
        limiter: options.limiter,
      }),
  }
}

export { payfitDescriptor } from './descriptor.ts'
export type { PayfitClient, PayfitLimiter, PayfitRawCall } from './client.ts'
