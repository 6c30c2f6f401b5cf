import { MissingScopesError } from '../accounts/refusals.ts'
import type { ScopeGuide } from '../connectors/types.ts'
import { ProviderError, type KnownError, type ProviderErrorDetail } from '../errors.ts'

/** Why a Link UI could not link an account; our Link page words its message from it. */
export type LinkFailureReason =
  'invalid_credentials' | 'missing_scopes' | 'provider_unavailable' | 'session_expired'

/** StackOne's error body, plus the keys the Link UIs read on `/hub/*`. */
export interface ErrorBody {
  statusCode: number
  message: string
  timestamp: string
  provider_response?: string
  reason?: LinkFailureReason
  missing_scopes?: ScopeGuide[]
  provider_errors?: ProviderErrorDetail[]
}

interface Rendering {
  statusCode: number
  providerResponse: string
  reason?: LinkFailureReason
}

const tryAgain =
  'The provider could not be reached or did not answer in time. Try again in a minute.'

/** The one place where a typed error becomes a response body. */
export function knownErrorBody(error: KnownError, options: { hub: boolean; now: Date }): ErrorBody {
  const rendering = render(error, options.hub)
  const body: ErrorBody = {
    statusCode: rendering.statusCode,
    message: error.message,
    timestamp: options.now.toISOString(),
  }
  if (error instanceof ProviderError && error.providerErrors.length > 0) {
    body.provider_errors = error.providerErrors
  }
  if (!options.hub) return body

  body.provider_response = error.providerResponse ?? rendering.providerResponse
  if (rendering.reason !== undefined) body.reason = rendering.reason
  if (error instanceof MissingScopesError) body.missing_scopes = error.missingScopes
  return body
}

export function internalErrorBody(options: { hub: boolean; now: Date }): ErrorBody {
  return plainErrorBody(500, 'Something went wrong on our side; the error has been logged', options)
}

/** A body for errors we raise without a typed error: framework errors, unknown routes. */
export function plainErrorBody(
  statusCode: number,
  message: string,
  options: { hub: boolean; now: Date },
): ErrorBody {
  const body: ErrorBody = { statusCode, message, timestamp: options.now.toISOString() }
  if (options.hub) body.provider_response = message
  return body
}

function render(error: KnownError, hub: boolean): Rendering {
  const status = error.statusCode
  switch (error.kind) {
    case 'invalid_credentials':
      return {
        statusCode: status,
        reason: 'invalid_credentials',
        providerResponse:
          'The provider refused this key. Check that it was copied in full and has not been revoked.',
      }
    case 'unauthorized':
      return hub
        ? { statusCode: status, reason: 'session_expired', providerResponse: 'Ask for a new link.' }
        : { statusCode: status, providerResponse: 'Send a valid API key.' }
    case 'unprocessable':
      return error instanceof MissingScopesError
        ? { statusCode: status, reason: 'missing_scopes', providerResponse: '' }
        : { statusCode: status, providerResponse: 'The request cannot be processed.' }
    case 'provider_loading':
      return hub
        ? { statusCode: 502, reason: 'provider_unavailable', providerResponse: tryAgain }
        : { statusCode: status, providerResponse: error.message }
    case 'provider_timeout':
    case 'provider_unavailable':
    case 'provider_error':
    case 'provider_schema':
      // On /hub/* a slow provider is one more "try again" (502): the SDK's automatic retries on
      // 408 only apply to its own calls, and the Link UIs show any non-2xx the same way.
      return {
        statusCode: hub ? 502 : status,
        reason: 'provider_unavailable',
        providerResponse: tryAgain,
      }
    case 'invalid_request':
    case 'forbidden':
    case 'not_found':
    case 'conflict':
    case 'account_disabled':
    case 'payload_too_large':
    case 'rate_limited':
    case 'not_implemented':
      return { statusCode: status, providerResponse: error.message }
    default:
      return assertNever(error)
  }
}

function assertNever(error: never): never {
  throw new Error(`Unhandled error kind: ${JSON.stringify(error)}`)
}
