import { describe, expect, it } from 'vitest'

import { useRouteSandbox } from './route-test-fixture.ts'
import { call } from './test-client.ts'

const { sandbox, fr } = useRouteSandbox()

describe('keys minted and revoked at runtime', () => {
  it('grants exactly the chosen scopes and stops working once revoked', async () => {
    const minted = await call(sandbox, '/_sandbox/keys', {
      method: 'POST',
      key: sandbox.adminToken,
      body: { companyId: fr.id, scopes: ['time:read'] },
    })
    expect(minted.status).toBe(201)
    const { key, keyId } = minted.body as { key: string; keyId: string }
    expect(key.length).toBeGreaterThanOrEqual(40)
    expect(keyId).toMatch(/^key_[0-9a-f]{12}$/)
    expect((await call(sandbox, `/companies/${fr.id}/absences`, { key })).status).toBe(200)
    expect((await call(sandbox, `/companies/${fr.id}/collaborators`, { key })).status).toBe(403)

    const revoked = await call(sandbox, '/_sandbox/keys/revoke', {
      method: 'POST',
      key: sandbox.adminToken,
      body: { key },
    })
    expect(revoked.status).toBe(204)
    expect((await call(sandbox, `/companies/${fr.id}/absences`, { key })).status).toBe(401)
    const introspected = await call(sandbox, '/introspect', {
      method: 'POST',
      key,
      body: { token: key },
    })
    expect(introspected.body).toEqual({ active: false })
  })
})
