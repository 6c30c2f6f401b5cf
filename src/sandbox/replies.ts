/** PayFit's error bodies (reference §6, §7), with the labels exactly as PayFit spells them. */
export interface PayfitErrorBody {
  code: number
  error: string
  details?: string
}

export const unauthorizedBody: PayfitErrorBody = { code: 401, error: 'Unauthorized' }
export const rateLimitedBody = { message: 'API rate limit exceeded' }

/** Thrown by handlers; the app's error handler answers `status` with `body`. */
export class PayfitReply extends Error {
  constructor(
    readonly status: number,
    readonly body: PayfitErrorBody,
  ) {
    super(body.details ?? body.error)
  }
}

export function badRequest(details: string): PayfitReply {
  return new PayfitReply(400, { code: 400, error: 'Bad request', details })
}

export function forbidden(details: string): PayfitReply {
  return new PayfitReply(403, { code: 403, error: 'Forbidden action', details })
}

export function missingScope(scope: string): PayfitReply {
  return forbidden(`Missing scope "${scope}".`)
}

export function notFound(): PayfitReply {
  return new PayfitReply(404, {
    code: 404,
    error: 'Ressource not found',
    details: 'The provided id is wrong',
  })
}

export function unprocessable(details: string): PayfitReply {
  return new PayfitReply(422, { code: 422, error: 'Unprocessable entity', details })
}

/** Gateway-style bodies for injected 5xx (reference §13.16: PayFit's own 5xx body is unknown). */
export const serverErrorBodies: Record<500 | 502 | 503, { message: string }> = {
  500: { message: 'An unexpected error occurred' },
  502: { message: 'An invalid response was received from the upstream server' },
  503: { message: 'The upstream server is currently unavailable' },
}
