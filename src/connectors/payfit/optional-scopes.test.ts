import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { missingOptionalScopes } from '../../http/hub-connectors.ts'
import { createLogger } from '../../log.ts'
import { startSandbox, type RunningSandbox, type SandboxCompany } from '../../sandbox/index.ts'
import { call } from '../../sandbox/test-client.ts'
import { requiredScopes } from './descriptor.ts'
import { createPayfitConnector } from './index.ts'

let sandbox: RunningSandbox
let company: SandboxCompany

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 5, employees: 3 })
  company = sandbox.companies[0] as SandboxCompany
})
afterAll(() => sandbox.close())

async function keyWith(scopes: string[]): Promise<string> {
  const minted = await call(sandbox, '/_sandbox/keys', {
    method: 'POST',
    key: sandbox.adminToken,
    body: { companyId: company.id, scopes },
  })
  expect(minted.status).toBe(201)
  return (minted.body as { key: string }).key
}

describe('optional scopes a linked PayFit key lacks', () => {
  it('counts the deprecated social security scope name as granted', async () => {
    const connector = createPayfitConnector({
      urls: { api: sandbox.url, oauth: sandbox.url },
      logger: createLogger({ level: 'silent' }),
    })
    const apiKey = await keyWith([
      ...requiredScopes.map(({ scope }) => scope),
      'time:read',
      'collaborators:securite-sociale:read',
    ])
    const account = await connector.verify({ api_key: apiKey })
    expect(account.grantedScopes).toContain('collaborators:securite-sociale:read')

    const missing = missingOptionalScopes(connector, account.grantedScopes).map(
      ({ scope }) => scope,
    )
    expect(missing).toEqual(['time:write', 'contracts:payslips:read'])
  })
})
