import { createSession as createHubSession, listOwnerAccounts, startScenario } from '../harness.ts'
import type { LinkBackend, LinkSession, LinkedAccountSummary } from './backend.ts'

// The acceptance backend: the real hub on a fresh SQLite file, verifying keys against the
// PayFit sandbox, driven through the developer's HTTP API as a SaaS backend would drive it.

export interface RealLinkBackend extends LinkBackend {
  /** Everything the hub logged so far, to check that no key ever reaches a log line. */
  logText(): string
  /** A new sandbox key for the company, granting exactly `scopes`. */
  mintKey(scopes: readonly string[]): Promise<string>
}

const sessionSeconds = 1800

export async function startRealHub(): Promise<RealLinkBackend> {
  const scenario = await startScenario({ seed: 1, employees: 20 })
  const { sandbox, hub, client, company } = scenario

  async function createSession(options: { returnUrl?: string } = {}): Promise<LinkSession> {
    const ownerId = `owner-${crypto.randomUUID()}`
    const { body } = await createHubSession(client, hub.apiKey, {
      origin_owner_id: ownerId,
      origin_owner_name: 'Acme Ltd',
      expires_in: sessionSeconds,
      ...(options.returnUrl === undefined ? {} : { return_url: options.returnUrl }),
    })
    return { token: String(body.token), linkUrl: String(body.auth_link_url), ownerId }
  }

  return {
    url: hub.url,
    keys: company.keys,
    createSession,
    async createExpiredSession() {
      const session = await createSession()
      // The hub's clock moves instead of the test sleeping; later sessions start from there.
      hub.clock.advance(sessionSeconds + 1)
      return session
    },
    listAccounts: (ownerId) => listOwnerAccounts<LinkedAccountSummary>(client, hub.apiKey, ownerId),
    companyName: company.name,
    logText: () => hub.logs.text(),
    async mintKey(scopes) {
      const response = await fetch(`${sandbox.url}/_sandbox/keys`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${sandbox.adminToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ companyId: company.id, scopes }),
      })
      if (response.status !== 201) throw new Error(`sandbox POST /keys: ${response.status}`)
      return ((await response.json()) as { key: string }).key
    },
    close: () => scenario.close(),
  }
}
