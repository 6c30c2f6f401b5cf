import { startSandbox } from '../../src/sandbox/index.ts'
import { basicAuth, startTestHub } from '../harness.ts'
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
  const sandbox = await startSandbox({ employees: 20 })
  const company = sandbox.companies[0]
  if (company === undefined) throw new Error('The sandbox started without a company')
  const testHub = await startTestHub({ payfitUrl: sandbox.url })
  const authorization = basicAuth(testHub.apiKey)

  async function createSession(options: { returnUrl?: string } = {}): Promise<LinkSession> {
    const ownerId = `owner-${crypto.randomUUID()}`
    const response = await fetch(`${testHub.url}/connect_sessions`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({
        origin_owner_id: ownerId,
        origin_owner_name: 'Acme Ltd',
        expires_in: sessionSeconds,
        ...(options.returnUrl === undefined ? {} : { return_url: options.returnUrl }),
      }),
    })
    if (response.status !== 201) throw new Error(`POST /connect_sessions: ${response.status}`)
    const body = (await response.json()) as { token: string; auth_link_url: string }
    return { token: body.token, linkUrl: body.auth_link_url, ownerId }
  }

  return {
    url: testHub.url,
    keys: company.keys,
    createSession,
    async createExpiredSession() {
      const session = await createSession()
      // The hub's clock moves instead of the test sleeping; later sessions start from there.
      testHub.clock.advance(sessionSeconds + 1)
      return session
    },
    async listAccounts(ownerId) {
      const query = new URLSearchParams({ origin_owner_id: ownerId })
      const response = await fetch(`${testHub.url}/accounts?${query.toString()}`, {
        headers: { authorization },
      })
      if (response.status !== 200) throw new Error(`GET /accounts: ${response.status}`)
      return (await response.json()) as LinkedAccountSummary[]
    },
    companyName: company.name,
    logText: () => testHub.logs.text(),
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
    async close() {
      await testHub.close()
      await sandbox.close()
    },
  }
}
