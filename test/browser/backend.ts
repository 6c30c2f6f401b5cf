// What the browser scenarios need from a hub: the real one (hub + PayFit sandbox) or the fake.

export interface LinkedAccountSummary {
  id: string
  provider: string
  status: string
}

export interface LinkSession {
  token: string
  linkUrl: string
  /** Each session gets its own origin owner, so tests count only their own accounts. */
  ownerId: string
}

export interface LinkBackend {
  url: string
  /** PayFit keys: one good to link, one lacking required scopes, one revoked. */
  keys: { guide: string; read_only: string; revoked: string }
  /** The company the keys belong to, as PayFit names it. */
  companyName: string
  createSession(options?: { returnUrl?: string }): Promise<LinkSession>
  /** A session whose link has already expired. */
  createExpiredSession(): Promise<LinkSession>
  listAccounts(ownerId: string): Promise<LinkedAccountSummary[]>
  close(): Promise<void>
}
