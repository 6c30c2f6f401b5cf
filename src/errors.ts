/**
 * Errors named for what happened. Each knows its HTTP status; `http/error-body.ts` is the one
 * place that turns them into StackOne's error body. Messages are ours and never carry a secret.
 */

export interface ProviderErrorDetail {
  status: number | null
  url: string | null
  raw: Record<string, unknown> | null
}

abstract class PasserelleError extends Error {
  abstract readonly kind: string
  abstract readonly statusCode: number
  /** Shown to the Link UIs as `provider_response`: a short, secret-free explanation. */
  providerResponse?: string

  constructor(message: string, options?: { cause?: unknown; providerResponse?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    if (options?.providerResponse !== undefined) this.providerResponse = options.providerResponse
  }
}

export class InvalidRequestError extends PasserelleError {
  readonly kind = 'invalid_request'
  readonly statusCode = 400
}

export class InvalidCredentialsError extends PasserelleError {
  readonly kind = 'invalid_credentials'
  readonly statusCode = 400
}

export class UnauthorizedError extends PasserelleError {
  readonly kind = 'unauthorized'
  readonly statusCode = 401
}

export class ForbiddenError extends PasserelleError {
  readonly kind = 'forbidden'
  readonly statusCode = 403
}

export class NotFoundError extends PasserelleError {
  readonly kind = 'not_found'
  readonly statusCode = 404
}

export class ConflictError extends PasserelleError {
  readonly kind = 'conflict'
  readonly statusCode = 409
}

export class AccountDisabledError extends PasserelleError {
  readonly kind = 'account_disabled'
  readonly statusCode = 412
}

export class PayloadTooLargeError extends PasserelleError {
  readonly kind = 'payload_too_large'
  readonly statusCode = 413
}

export class UnprocessableError extends PasserelleError {
  readonly kind = 'unprocessable'
  readonly statusCode = 422
}

/** An answer that tells the caller when to ask again (`Retry-After`). */
export abstract class RetryLaterError extends PasserelleError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message)
  }
}

export class RateLimitedError extends RetryLaterError {
  readonly kind = 'rate_limited'
  readonly statusCode = 429
}

export class ProviderTimeoutError extends PasserelleError {
  readonly kind = 'provider_timeout'
  readonly statusCode = 408
}

/**
 * A long provider read (a company's whole contract list) outlasted the request but goes on in
 * the background; the same request, retried after `retryAfterSeconds`, finds it further along.
 * 408 with `Retry-After`, because StackOne's SDK retries a 408 by itself and waits as told.
 */
export class ProviderStillLoadingError extends RetryLaterError {
  readonly kind = 'provider_loading'
  readonly statusCode = 408
}

/** The provider could not be reached or kept failing: the caller may try again later. */
export class ProviderUnavailableError extends PasserelleError {
  readonly kind = 'provider_unavailable'
  readonly statusCode = 502
}

export class ProviderError extends PasserelleError {
  readonly kind = 'provider_error'
  readonly statusCode = 502

  constructor(
    message: string,
    readonly providerErrors: ProviderErrorDetail[] = [],
    options?: { cause?: unknown; providerResponse?: string },
  ) {
    super(message, options)
  }
}

/** The provider answered with JSON we did not expect; `path` names where it drifted. */
export class ProviderSchemaError extends PasserelleError {
  readonly kind = 'provider_schema'
  readonly statusCode = 502

  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message)
  }
}

export class NotImplementedError extends PasserelleError {
  readonly kind = 'not_implemented'
  readonly statusCode = 501
}

export type KnownError =
  | InvalidRequestError
  | InvalidCredentialsError
  | UnauthorizedError
  | ForbiddenError
  | NotFoundError
  | ConflictError
  | AccountDisabledError
  | PayloadTooLargeError
  | UnprocessableError
  | RateLimitedError
  | ProviderTimeoutError
  | ProviderStillLoadingError
  | ProviderUnavailableError
  | ProviderError
  | ProviderSchemaError
  | NotImplementedError

export function isKnownError(error: unknown): error is KnownError {
  return error instanceof PasserelleError
}
