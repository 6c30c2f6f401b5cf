import type { CompanyKeys } from '../../src/sandbox/keys.ts'
import {
  createSession as createHubSession,
  listOwnerAccounts,
  startScenario,
  type TestHub,
} from '../harness.ts'

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
  const scenario = await startScenario({ seed: 1, employees: 5 })
  const { hub, client, company } = scenario

  return {
    url: hub.url,
    keys: company.keys,
    testHub: hub,
    async createSession(options = {}) {
      const ownerId = options.ownerId ?? `owner-${crypto.randomUUID()}`
      const { token } = await createHubSession(client, hub.apiKey, {
        origin_owner_id: ownerId,
        origin_owner_name: 'Acme Ltd',
        expires_in: sessionSeconds,
        ...(options.accountId === undefined ? {} : { account_id: options.accountId }),
      })
      return { token, ownerId }
    },
    expireSessions() {
      hub.clock.advance(sessionSeconds + 1)
    },
    listAccounts: (ownerId) => listOwnerAccounts<HubAccount>(client, hub.apiKey, ownerId),
    close: () => scenario.close(),
  }
}
