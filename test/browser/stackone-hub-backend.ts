import type { CompanyKeys } from '../../src/sandbox/keys.ts'
import { startSandbox } from '../../src/sandbox/index.ts'
import { basicAuth, startTestHub, type TestHub } from '../harness.ts'

// The real hub on a fresh SQLite file, verifying keys against the PayFit sandbox, driven the way
// a SaaS backend drives it before embedding `<stackone-hub>`: sessions through its HTTP API.

export interface HubSession {
  token: string
  ownerId: string
}

export interface HubAccount {
  id: string
  provider: string
  status: string
}

export interface StackOneHubBackend {
  url: string
  keys: CompanyKeys
  testHub: TestHub
  /** `accountId` opens the component in edit mode for that account (`existing_account_id`). */
  createSession(options?: { accountId?: string; ownerId?: string }): Promise<HubSession>
  /** Moves the hub's clock past every session minted so far, instead of the test sleeping. */
  expireSessions(): void
  listAccounts(ownerId: string): Promise<HubAccount[]>
  close(): Promise<void>
}

const sessionSeconds = 1800

export async function startStackOneHubBackend(): Promise<StackOneHubBackend> {
  const sandbox = await startSandbox({ employees: 5 })
  const company = sandbox.companies[0]
  if (company === undefined) throw new Error('The sandbox started without a company')
  const testHub = await startTestHub({ payfitUrl: sandbox.url })
  const authorization = basicAuth(testHub.apiKey)

  return {
    url: testHub.url,
    keys: company.keys,
    testHub,
    async createSession(options = {}) {
      const ownerId = options.ownerId ?? `owner-${crypto.randomUUID()}`
      const response = await fetch(`${testHub.url}/connect_sessions`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({
          origin_owner_id: ownerId,
          origin_owner_name: 'Acme Ltd',
          expires_in: sessionSeconds,
          ...(options.accountId === undefined ? {} : { account_id: options.accountId }),
        }),
      })
      if (response.status !== 201) throw new Error(`POST /connect_sessions: ${response.status}`)
      const { token } = (await response.json()) as { token: string }
      return { token, ownerId }
    },
    expireSessions() {
      testHub.clock.advance(sessionSeconds + 1)
    },
    async listAccounts(ownerId) {
      const query = new URLSearchParams({ origin_owner_id: ownerId })
      const response = await fetch(`${testHub.url}/accounts?${query.toString()}`, {
        headers: { authorization },
      })
      if (response.status !== 200) throw new Error(`GET /accounts: ${response.status}`)
      return (await response.json()) as HubAccount[]
    },
    async close() {
      await testHub.close()
      await sandbox.close()
    },
  }
}
