import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { loadConfig } from '../config.ts'
import { createLogger } from '../log.ts'
import { startSandbox, type RunningSandbox } from '../sandbox/index.ts'
import { createConnectorRegistry } from './registry.ts'

const logger = createLogger({ level: 'silent' })
let sandbox: RunningSandbox

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 3, employees: 1 })
})

afterAll(async () => {
  await sandbox.close()
})

function registryFor(env: Record<string, string>) {
  return createConnectorRegistry({ config: loadConfig(env), logger, timeoutMs: 5_000 })
}

describe('connector registry', () => {
  it('finds the PayFit connector by provider key and lists it', () => {
    const registry = registryFor({})
    expect(registry.get('payfit')?.descriptor.name).toBe('PayFit')
    expect(registry.list().map((connector) => connector.descriptor.provider)).toEqual(['payfit'])
  })

  it('answers undefined for a provider it does not know', () => {
    expect(registryFor({}).get('workday')).toBeUndefined()
  })

  it('points PayFit at PAYFIT_API_URL and PAYFIT_OAUTH_URL from the hub config', async () => {
    const registry = registryFor({ PAYFIT_API_URL: sandbox.url, PAYFIT_OAUTH_URL: sandbox.url })
    const company = sandbox.companies[0]
    const verified = await registry.get('payfit')?.verify({ api_key: company?.keys.full ?? '' })
    expect(verified?.externalId).toBe(company?.id)
  })
})
