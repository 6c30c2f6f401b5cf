import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { registerLinkRoutes } from './routes.ts'

let app: FastifyInstance

beforeEach(() => {
  app = Fastify()
  registerLinkRoutes(app)
})

afterEach(async () => {
  await app.close()
})

const strictPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"

describe('GET /link', () => {
  it('serves the page with a strict policy, no referrer and no caching', async () => {
    const response = await app.inject({ method: 'GET', url: '/link?token=abc' })

    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(response.headers['content-security-policy']).toBe(strictPolicy)
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['referrer-policy']).toBe('no-referrer')
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.body).toContain('<html lang="en">')
  })

  it('has no inline script or style, which the policy would block', async () => {
    const { body } = await app.inject({ method: 'GET', url: '/link' })

    expect(body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
    expect(body).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i)
    for (const match of body.matchAll(/(?:src|href)="([^"]+)"/g)) {
      expect(match[1]).toMatch(/^(\/link\/assets\/|#)/)
    }
  })
})

describe('GET /link/assets/:file', () => {
  it.each([
    ['link.js', 'text/javascript; charset=utf-8'],
    ['link.css', 'text/css; charset=utf-8'],
    ['passerelle.svg', 'image/svg+xml'],
  ])('serves %s as %s with the same headers', async (file, contentType) => {
    const response = await app.inject({ method: 'GET', url: `/link/assets/${file}` })

    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe(contentType)
    expect(response.headers['content-security-policy']).toBe(strictPolicy)
    expect(response.headers['x-content-type-options']).toBe('nosniff')
  })

  it.each(['missing.js', '..%2Froutes.ts', '..%2Fpage.html', 'routes.test.ts'])(
    'answers 404 for %s, which is not one of the page files',
    async (file) => {
      const response = await app.inject({ method: 'GET', url: `/link/assets/${file}` })

      expect(response.statusCode).toBe(404)
    },
  )
})
