import { describe, expect, it } from 'vitest'

import { companyPath, useRouteSandbox } from './route-test-fixture.ts'
import { call } from './test-client.ts'

const { sandbox, fr, es } = useRouteSandbox()

describe('errors', () => {
  it('answers 401 for a missing, unknown or revoked key', async () => {
    for (const key of [undefined, 'nope', fr.keys.revoked]) {
      const result = await call(
        sandbox,
        companyPath(fr, '/collaborators'),
        key === undefined ? {} : { key },
      )
      expect(result.status).toBe(401)
      expect(result.body).toEqual({ code: 401, error: 'Unauthorized' })
    }
  })

  it("answers 403 when a key reaches another company's id", async () => {
    const result = await call(sandbox, companyPath(es, '/collaborators'), { key: fr.keys.full })
    expect(result.status).toBe(403)
    expect(result.body).toMatchObject({ code: 403, error: 'Forbidden action' })
  })

  it('names the scope actually missing in the 403', async () => {
    const cases = [
      ['/contracts', 'contracts:read'],
      ['/absences', 'time:read'],
      ['/contracts/time?date=202605', 'time:read'],
    ] as const
    for (const [path, scope] of cases) {
      const result = await call(sandbox, companyPath(fr, path), { key: fr.keys.read_only })
      expect(result.status).toBe(403)
      expect(result.body).toEqual({
        code: 403,
        error: 'Forbidden action',
        details: `Missing scope "${scope}".`,
      })
    }
  })

  it('answers 400 with code, error and details for an out-of-range maxResults', async () => {
    for (const size of ['0', '51', 'ten']) {
      const result = await call(sandbox, companyPath(fr, `/collaborators?maxResults=${size}`), {
        key: fr.keys.full,
      })
      expect(result.status).toBe(400)
      expect(result.body).toEqual({
        code: 400,
        error: 'Bad request',
        details: expect.stringContaining('maxResults') as unknown,
      })
    }
  })

  it('answers 404 in PayFit wording for an unknown path', async () => {
    const result = await call(sandbox, '/companies', { key: fr.keys.full })
    expect(result.status).toBe(404)
    expect(result.body).toMatchObject({ code: 404, error: 'Ressource not found' })
  })
})
