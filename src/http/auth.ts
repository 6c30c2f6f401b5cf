import type { FastifyReply, FastifyRequest } from 'fastify'

import type { ConnectSessionService } from '../accounts/connect-sessions.ts'
import type { ProjectService } from '../accounts/projects.ts'
import { sha256Hex } from '../accounts/secrets.ts'
import { RateLimitedError, UnauthorizedError } from '../errors.ts'
import type { AuthThrottle } from './auth-throttle.ts'

export const hubSessionHeader = 'x-hub-session-token'

/**
 * The API key is the username of HTTP Basic authentication. StackOne's SDK sends
 * `base64("key:")`; the hub's README example sends `base64("key")`: both are accepted.
 */
export function apiKeyFromAuthorization(header: string | undefined): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? '')
  const encoded = match?.[1]
  if (encoded === undefined) return undefined
  const decoded = Buffer.from(encoded, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  const key = colon === -1 ? decoded : decoded.slice(0, colon)
  return key === '' ? undefined : key
}

/*
 * Key and token lookups are constant-time by construction: the presented secret is hashed and
 * the hash is looked up by index, so no comparison ever runs over the secret itself (a found
 * project key hash is also compared with `timingSafeEqual`, see accounts/projects.ts).
 */

export function requireApiKey(projects: ProjectService, throttle: AuthThrottle) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const apiKey = apiKeyFromAuthorization(request.headers.authorization)
    const subjects = throttleSubjects(request, apiKey ?? request.headers.authorization)
    refuseWhenThrottled(throttle, subjects)

    const project = apiKey === undefined ? undefined : await projects.authenticate(apiKey)
    if (project === undefined) {
      throttle.recordFailure(subjects.all)
      void reply.header('www-authenticate', 'Basic realm="passerelle"')
      throw new UnauthorizedError(
        apiKey === undefined
          ? 'Missing API key: send it as the username of HTTP Basic authentication'
          : 'Invalid API key',
      )
    }
    throttle.recordSuccess(subjects.secret)
    request.project = project
  }
}

export function requireHubSession(sessions: ConnectSessionService, throttle: AuthThrottle) {
  return async (request: FastifyRequest) => {
    const token = request.headers[hubSessionHeader]
    const subjects = throttleSubjects(request, typeof token === 'string' ? token : undefined)
    refuseWhenThrottled(throttle, subjects)

    if (typeof token !== 'string' || token === '') {
      throttle.recordFailure(subjects.all)
      throw new UnauthorizedError(`Missing connect session token (${hubSessionHeader} header)`, {
        providerResponse: 'Open this page from the link the application gave you.',
      })
    }
    try {
      request.hubSession = await sessions.open(token)
    } catch (error) {
      if (error instanceof UnauthorizedError) throttle.recordFailure(subjects.all)
      throw error
    }
    throttle.recordSuccess(subjects.secret)
  }
}

/**
 * The client address, and a short hash of the presented secret (never the secret itself).
 * A success clears only the secret's counter: one valid credential must not wipe an address's
 * failures, or an attacker holding any key could interleave it with guesses forever. Address
 * windows simply expire.
 */
function throttleSubjects(
  request: FastifyRequest,
  presented: string | undefined,
): { all: string[]; secret: string[] } {
  const secret =
    presented === undefined || presented === ''
      ? []
      : [`secret:${sha256Hex(presented).slice(0, 16)}`]
  return { all: [`address:${request.ip}`, ...secret], secret }
}

function refuseWhenThrottled(throttle: AuthThrottle, subjects: { all: string[] }): void {
  const wait = throttle.retryAfter(subjects.all)
  if (wait === undefined) return
  throw new RateLimitedError('Too many failed authentication attempts; try again later', wait)
}
