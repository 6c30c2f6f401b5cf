import type { FastifyInstance } from 'fastify'
import { z } from 'zod'

import { NotFoundError } from '../errors.ts'
import type { HubServices } from './services.ts'

export function registerLogoRoutes(app: FastifyInstance, services: HubServices): void {
  app.get('/:file', async (request, reply) => {
    const { file } = z.object({ file: z.string() }).parse(request.params)
    const provider = file.endsWith('.svg') ? file.slice(0, -'.svg'.length) : null
    const connector = provider === null ? undefined : services.connectors.get(provider)
    if (connector === undefined) throw new NotFoundError('No logo with this name')

    return reply
      .type('image/svg+xml')
      .header('cache-control', 'public, max-age=3600')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(connector.descriptor.logoSvg)
  })
}
