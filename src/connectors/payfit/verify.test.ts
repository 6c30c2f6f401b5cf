import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { loadConfig } from '../../config.ts'
import {
  InvalidCredentialsError,
  isKnownError,
  ProviderUnavailableError,
  RateLimitedError,
} from '../../errors.ts'
import { createLogger } from '../../log.ts'
import { startSandbox } from '../../sandbox/index.ts'
import { createConnectorRegistry } from '../registry.ts'
import { createPayfitConnector } from './index.ts'
import { createKeyLimiters } from './rate-limit.ts'
import { verifyApiKey, type VerifySettings } from './verify.ts'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>

let sandbox: Sandbox
const lines: string[] = []
const logger = createLogger({ level: 'debug', destination: { write: (line) => lines.push(line) } })

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 11, employees: 30 })
})
afterAll(async () => {
  await sandbox.close()
})
afterEach(async () => {
  await setFaults({ rules: [] })
})

function firstCompany() {
  const company = sandbox.companies[0]
  if (company === undefined) throw new Error('the sandbox started without a company')
  return company
}

function settings(extra: Partial<VerifySettings> = {}): VerifySettings {
  return { apiUrl: sandbox.url, oauthUrl: sandbox.url, logger, retry: { baseDelayMs: 5 }, ...extra }
}

async function setFaults(config: unknown): Promise<void> {
  const response = await fetch(`${sandbox.url}/_sandbox/faults`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${sandbox.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(config),
  })
  if (!response.ok) throw new Error(`the sandbox refused the faults: ${String(response.status)}`)
}

async function refusal(apiKey: string, extra: Partial<VerifySettings> = {}) {
  const error = await verifyApiKey(settings(extra), apiKey).catch((caught: unknown) => caught)
  if (!isKnownError(error)) throw new Error('the key was accepted')
  return error
}

describe('verifying a PayFit API key against the sandbox', () => {
  it('links the guide key: its company, its scopes and nothing missing', async () => {
    const company = firstCompany()
    const account = await verifyApiKey(settings(), company.keys.guide)
    expect(account).toMatchObject({
      externalId: company.id,
      displayName: company.name,
      country: company.country,
      missingScopes: [],
    })
    expect(account.grantedScopes).toContain('collaborators:legal-identity:read')
  })

  it('lists the eight scopes a read-only key lacks, each with its purpose', async () => {
    const account = await verifyApiKey(settings(), firstCompany().keys.read_only)
    expect(account.missingScopes).toHaveLength(8)
    expect(account.missingScopes.map(({ scope }) => scope)).toContain('contracts:read')
    for (const { purpose } of account.missingScopes) expect(purpose).not.toBe('')
  })

  it('finds nothing missing for the full key', async () => {
    const account = await verifyApiKey(settings(), firstCompany().keys.full)
    expect(account.missingScopes).toEqual([])
  })

  it.each([
    ['revoked', () => firstCompany().keys.revoked],
    ['unknown', () => 'pfk_this_key_was_never_issued_by_anyone_0000'],
  ])('refuses a %s key as invalid credentials without echoing it', async (_name, keyOf) => {
    const apiKey = keyOf()
    const error = await refusal(apiKey)
    expect(error).toBeInstanceOf(InvalidCredentialsError)
    expect(error.message).toMatch(/does not recognise this API key/)
    expect(`${error.message} ${error.providerResponse ?? ''}`).not.toContain(apiKey)
  })

  it('says a key pasted with spaces around it is malformed, not unknown', async () => {
    const error = await refusal(`  ${firstCompany().keys.full} `)
    expect(error).toBeInstanceOf(InvalidCredentialsError)
    expect(error.message).toMatch(/spaces, line breaks/)
    expect(error.message).not.toMatch(/does not recognise/)
  })

  it('refuses a revoked key when PayFit answers introspection with 401', async () => {
    const strict = await startSandbox({
      port: 0,
      seed: 12,
      employees: 5,
      introspectionUnauthorizedForInactive: true,
    })
    try {
      const attempt = verifyApiKey(
        { ...settings(), apiUrl: strict.url, oauthUrl: strict.url },
        strict.companies[0]?.keys.revoked ?? '',
      )
      await expect(attempt).rejects.toBeInstanceOf(InvalidCredentialsError)
    } finally {
      await strict.close()
    }
  })

  it.each([
    ['empty', ''],
    ['whitespace', '   \t '],
    ['absurdly long', 'k'.repeat(5_000)],
    ['non-printable', 'abc\u0000def\u0007ghijkl'],
    ['multi-line', 'abcdefgh\nijklmnop'],
  ])('refuses an %s key before calling PayFit', async (_name, apiKey) => {
    const error = await refusal(apiKey)
    expect(error).toBeInstanceOf(InvalidCredentialsError)
    expect(error.providerResponse).toBeDefined()
  })

  it('answers "try again" within its budget when PayFit hangs', async () => {
    await setFaults({ rules: [{ route: '*', latencyMs: 20_000 }] })
    const error = await refusal(firstCompany().keys.guide, {
      timeoutMs: 600,
      attemptTimeoutMs: 200,
    })
    expect(error).toBeInstanceOf(ProviderUnavailableError)
    expect(error.message).toMatch(/try again/)
  })

  it('answers "try again" when PayFit keeps failing', async () => {
    await setFaults({ rules: [{ route: '*', errorRates: { '503': 1 } }] })
    const error = await refusal(firstCompany().keys.guide)
    expect(error).toBeInstanceOf(ProviderUnavailableError)
  })

  it('goes through the registry as the hub does', async () => {
    const registry = createConnectorRegistry({
      config: loadConfig({ PAYFIT_API_URL: sandbox.url, PAYFIT_OAUTH_URL: sandbox.url }),
      logger,
      timeoutMs: 5_000,
    })
    const connector = registry.get('payfit')
    const logged = lines.length
    const account = await connector?.verify({ api_key: firstCompany().keys.guide })
    expect(account?.externalId).toBe(firstCompany().id)
    await expect(connector?.verify({})).rejects.toBeInstanceOf(InvalidCredentialsError)

    // Each field once per line: a log reader may refuse or misread a key written twice.
    const verified = lines.slice(logged).find((line) => line.includes('payfit api key verified'))
    expect(verified).toContain('"module":"connectors.payfit"')
    expect(verified?.match(/"module":/g)).toHaveLength(1)
  })

  it("spends the key's PayFit budget, shared with the unified operations", async () => {
    const limiters = createKeyLimiters({ readsPerSecond: 2, maxWaitMs: 0 })
    const connector = createPayfitConnector(
      { urls: { api: sandbox.url, oauth: sandbox.url }, logger },
      { limiters },
    )
    const key = firstCompany().keys.full
    await connector.verify({ api_key: key })
    // Introspection and the company read took both slots of this second.
    await expect(limiters.forKey(key).acquire('read')).rejects.toBeInstanceOf(RateLimitedError)
  })

  it('never writes a key into a log line', () => {
    const { keys } = firstCompany()
    const logged = lines.join('\n')
    expect(lines.length).toBeGreaterThan(0)
    for (const key of Object.values(keys)) expect(logged).not.toContain(key)
  })
})
