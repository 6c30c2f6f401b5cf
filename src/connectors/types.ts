import type { Logger } from '../log.ts'
import type { HrisOperations } from '../unified/operations.ts'

/** A credential the Link UIs ask for; `key` is its name under `credentials` in requests. */
export interface CredentialField {
  key: string
  label: string
  type: 'password' | 'text'
  required: boolean
  secret: boolean
  placeholder: string
  /** Markdown shown under the field. */
  description: string
  tooltip: string
}

/** A provider permission and what Passerelle uses it for, in words an admin understands. */
export interface ScopeGuide {
  scope: string
  purpose: string
}

export interface ConnectorDescriptor {
  /** Stable provider key used on the wire (`provider` on accounts): `payfit`. */
  provider: string
  /** Display name: `PayFit`. */
  name: string
  category: 'hris'
  /** SVG markup of the logo; the hub serves it at `/logos/{provider}.svg`. */
  logoSvg: string
  credentialFields: CredentialField[]
  guide: {
    /** One sentence on what the admin is about to do. */
    summary: string
    /** Markdown, one entry per step, in order. */
    steps: string[]
    requiredScopes: ScopeGuide[]
    optionalScopes: ScopeGuide[]
    supportLink: string
  }
}

/** What a successful credential check learned about the provider account. */
export interface VerifiedAccount {
  /** The provider's id of what the credentials reach (PayFit: the company id). */
  externalId: string
  /** A readable name for it (PayFit: the company name). */
  displayName: string
  country: string | null
  grantedScopes: string[]
  /** Required scopes the credentials lack; empty when the key is good to link. */
  missingScopes: ScopeGuide[]
}

export interface ConnectorSettings {
  /** Base URLs of the provider, keyed by the connector's own names (PayFit: `api`, `oauth`). */
  urls: Record<string, string>
  logger: Logger
  /** Upper bound for one provider call, retries included. */
  timeoutMs?: number
}

export interface Connector {
  descriptor: ConnectorDescriptor
  /**
   * Checks credentials against the provider. Expected outcomes are values (`missingScopes`);
   * a refused key throws `InvalidCredentialsError`, an unreachable or failing provider
   * `ProviderUnavailableError`. Never logs or echoes the credentials.
   */
  verify(credentials: Record<string, string>): Promise<VerifiedAccount>
  /**
   * The optional scopes `grantedScopes` lacks, reading the provider's scope aliases (a deprecated
   * name counts as granting its current one). Without it, only exact names count.
   */
  missingOptionalScopes?(grantedScopes: readonly string[]): ScopeGuide[]
  /** The unified HRIS read operations, when the connector serves them. */
  hris?: HrisOperations
}
