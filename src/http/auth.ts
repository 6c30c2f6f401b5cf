import type { FastifyReply, FastifyRequest } from 'fastify'

import type { ConnectSessionService } from '../accounts/connect-sessions.ts'
import type { ProjectService } from '../accounts/projects.ts'
import { UnauthorizedError } from '../errors.ts'

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

export function requireApiKey(projects: ProjectService) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const apiKey = apiKeyFromAuthorization(request.headers.authorization)
    const project = apiKey === undefined ? undefined : await projects.authenticate(apiKey)
    if (project === undefined) {
      void reply.header('www-authenticate', 'Basic realm="passerelle"')
      throw new UnauthorizedError(
        apiKey === undefined
          ? 'Missing API key: send it as the username of HTTP Basic authentication'
          : 'Invalid API key',
      )
    }
    request.project = project
  }
}

export function requireHubSession(sessions: ConnectSessionService) {
  return async (request: FastifyRequest) => {
    const token = request.headers[hubSessionHeader]
    if (typeof token !== 'string' || token === '') {
      throw new UnauthorizedError(`Missing connect session token (${hubSessionHeader} header)`, {
        providerResponse: 'Open this page from the link the application gave you.',
      })
    }
    request.hubSession = await sessions.open(token)
  }
}
