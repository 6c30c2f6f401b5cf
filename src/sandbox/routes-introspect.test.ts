import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import { hex24, useRouteSandbox } from './route-test-fixture.ts'
import { call } from './test-client.ts'

const { sandbox, fr } = useRouteSandbox()

describe('introspection', () => {
  it('describes a valid key with its space-separated scopes and company', async () => {
    const result = await call(sandbox, '/introspect', {
      method: 'POST',
      key: fr.keys.guide,
      body: { token: fr.keys.guide },
    })
    expect(result.status).toBe(200)
    const body = z
      .strictObject({
        active: z.literal(true),
        scope: z.string(),
        company_id: hex24,
        token_type: z.literal('bearer'),
      })
      .parse(result.body)
    expect(body.company_id).toBe(fr.id)
    expect(body.scope.split(' ')).toHaveLength(9)
  })

  it('answers active:false for a revoked or unknown key', async () => {
    for (const token of [fr.keys.revoked, 'not-a-key']) {
      const result = await call(sandbox, '/introspect', {
        method: 'POST',
        key: token,
        body: { token },
      })
      expect(result.status).toBe(200)
      expect(result.body).toEqual({ active: false })
    }
  })

  it('answers 401 without a Bearer header', async () => {
    const result = await call(sandbox, '/introspect', {
      method: 'POST',
      body: { token: fr.keys.full },
    })
    expect(result.status).toBe(401)
    expect(result.body).toEqual({ code: 401, error: 'Unauthorized' })
  })
})
