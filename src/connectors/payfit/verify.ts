import {
  InvalidCredentialsError,
  InvalidRequestError,
  ProviderUnavailableError,
  RateLimitedError,
} from '../../errors.ts'
import type { Logger } from '../../log.ts'
import type { VerifiedAccount } from '../types.ts'
import { createPayfitClient, isPlausibleApiKey, type PayfitClientOptions } from './client.ts'
import { missingRequiredScopes, parseScopes } from './descriptor.ts'
import type { KeyLimiters } from './rate-limit.ts'

export interface VerifySettings {
  apiUrl: string
  oauthUrl: string
  logger: Logger
  /** Bound on the whole check, both PayFit calls and their retries included. */
  timeoutMs?: number
  attemptTimeoutMs?: number
  retry?: PayfitClientOptions['retry']
  fetch?: typeof fetch
  /** The limiters the unified operations use: the check draws from the key's budget too. */
  limiters?: KeyLimiters
}

const defaultVerifyTimeoutMs = 10_000
const unrecognised =
  'PayFit does not recognise this API key: it may be mistyped, revoked or deleted. Copy it again or create a new one.'

function refused(providerResponse: string): InvalidCredentialsError {
  return new InvalidCredentialsError(unrecognised, { providerResponse })
}

function unavailable(cause: unknown): ProviderUnavailableError {
  return new ProviderUnavailableError('PayFit did not answer; try again in a moment', {
    cause,
    providerResponse: 'PayFit could not be reached or did not answer in time.',
  })
}

/**
 * Introspects the key (§3.4), then reads its company (§9.1). A refused key throws; a key that
 * lacks scopes is a result (`missingScopes`) so the Link page can list them all at once.
 */
export async function verifyApiKey(
  settings: VerifySettings,
  apiKey: string,
): Promise<VerifiedAccount> {
  if (apiKey.trim() === '') throw refused('No API key was given.')
  if (!isPlausibleApiKey(apiKey)) {
    const shape = 'The key has spaces, line breaks or a length PayFit never issues.'
    throw new InvalidCredentialsError(
      'This is not a PayFit API key as pasted: it has spaces, line breaks or a length PayFit never issues. Copy it again without them.',
      { providerResponse: shape },
    )
  }

  const logger = settings.logger.child({ step: 'verify' })
  const deadline = Date.now() + (settings.timeoutMs ?? defaultVerifyTimeoutMs)
  const { limiters, ...clientSettings } = settings
  const limiter = limiters?.forKey(apiKey)
  const client = () =>
    createPayfitClient({
      ...clientSettings,
      apiKey,
      limiter,
      timeoutMs: Math.max(1, deadline - Date.now()),
    })

  const introspection = await client()
    .introspect()
    .catch((error: unknown) => {
      // PayFit may answer an unknown key with 401 rather than `active: false` (§3.4, §13.5).
      if (error instanceof InvalidCredentialsError || error instanceof InvalidRequestError) {
        throw refused('PayFit refused the key when asked about it.')
      }
      // PayFit answered: it is throttling, not down. The caller learns when to try again.
      if (error instanceof RateLimitedError) throw error
      logger.warn({ err: error }, 'payfit introspection failed')
      throw unavailable(error)
    })
  if (!introspection.active) throw refused('PayFit reports the key as inactive.')
  const companyId = introspection.company_id
  if (companyId == null || companyId === '') {
    logger.warn('payfit introspection named no company')
    throw unavailable(null)
  }

  const company = await client()
    .getCompany(companyId)
    .catch((error: unknown) => {
      if (error instanceof InvalidCredentialsError) throw refused('PayFit refused the key.')
      if (error instanceof RateLimitedError) throw error
      logger.warn({ err: error, companyId }, 'payfit company read failed')
      throw unavailable(error)
    })

  const grantedScopes = parseScopes(introspection.scope)
  const missingScopes = missingRequiredScopes(grantedScopes)
  logger.info({ companyId, missingScopes: missingScopes.length }, 'payfit api key verified')
  return {
    externalId: companyId,
    displayName: company.name,
    country: company.country,
    grantedScopes,
    missingScopes,
  }
}
