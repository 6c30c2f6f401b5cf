import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import { companyPath, companySchema, useRouteSandbox } from './route-test-fixture.ts'
import { call } from './test-client.ts'

const { sandbox, fr, es } = useRouteSandbox()

describe('companies', () => {
  it('serves the global company', async () => {
    const result = await call(sandbox, companyPath(fr, ''), { key: fr.keys.read_only })
    expect(result.status).toBe(200)
    const body = companySchema.parse(result.body)
    expect(body).toMatchObject({ id: fr.id, name: fr.name, country: 'FR' })
  })

  it('serves the French company with siren as the SIRET prefix', async () => {
    const result = await call(sandbox, `/companies-fr/${fr.id}`, { key: fr.keys.full })
    const body = companySchema
      .extend({ siren: z.string(), siret: z.string() })
      .strict()
      .parse(result.body)
    expect(body.siret).toBe(body.identificationNumber)
    expect(body.identificationNumber?.startsWith(body.siren)).toBe(true)
  })

  it('refuses French-only endpoints for a Spanish company with 400', async () => {
    const result = await call(sandbox, `/companies-fr/${es.id}`, { key: es.keys.full })
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({ code: 400, error: 'Bad request' })
  })

  it('reports payroll status per YYYYMM month', async () => {
    const past = await call(sandbox, companyPath(fr, '/payroll-status?date=202604'), {
      key: fr.keys.full,
    })
    expect(past.body).toEqual({
      status: 'completed',
      executionEndDate: expect.stringMatching(/^2026-04-2\dT\d{2}:\d{2}:\d{2}\.\d{3}Z$/) as unknown,
    })
    const future = await call(sandbox, companyPath(fr, '/payroll-status?date=202609'), {
      key: fr.keys.full,
    })
    expect(future.body).toEqual({ status: 'not_completed', executionEndDate: null })
    for (const bad of ['2026-04', '202613', '']) {
      const result = await call(sandbox, companyPath(fr, `/payroll-status?date=${bad}`), {
        key: fr.keys.full,
      })
      expect(result.status).toBe(400)
    }
  })
})
