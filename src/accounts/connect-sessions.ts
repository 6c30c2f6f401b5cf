import { UnauthorizedError } from '../errors.ts'
import type { Store } from '../store/database.ts'
import type { ConnectSessionRow } from '../store/schema.ts'
import { randomString, sha256Hex } from './secrets.ts'

export const defaultSessionSeconds = 1800
/** Expired sessions are kept this long (then deleted): nothing reads them but the 401. */
const expiredKeptForMs = 7 * 24 * 60 * 60 * 1000
/*
 * One answer for a token that never existed and one that expired, so the 401 tells a guesser
 * nothing; the Link page words it for people on its side.
 */
const refusal = {
  message: 'This connect session has expired',
  providerResponse: 'Ask the application that sent you here for a new link.',
}

export interface ConnectSession {
  id: number
  projectId: string
  originOwnerId: string
  originOwnerName: string
  originUsername: string | null
  provider: string | null
  providerVersion: string | null
  categories: string[] | null
  /** Set when the session edits an existing account. */
  accountId: string | null
  label: string | null
  metadata: Record<string, unknown> | null
  multiple: boolean
  type: string | null
  returnUrl: string | null
  createdAt: string
  expiresAt: string
  /** The account this session linked or relinked last; null until it has. */
  linkedAccountId: string | null
}

export type NewConnectSession = Omit<
  ConnectSession,
  'id' | 'projectId' | 'createdAt' | 'expiresAt' | 'linkedAccountId'
> & { expiresInSeconds: number }

/** A session for one owner with everything else at StackOne's defaults (any provider, 30 min). */
export function connectSessionFor(
  owner: Pick<NewConnectSession, 'originOwnerId' | 'originOwnerName'> & Partial<NewConnectSession>,
): NewConnectSession {
  return {
    originUsername: null,
    provider: null,
    providerVersion: null,
    categories: null,
    accountId: null,
    label: null,
    metadata: null,
    multiple: false,
    type: null,
    returnUrl: null,
    expiresInSeconds: defaultSessionSeconds,
    ...owner,
  }
}

export interface ConnectSessionService {
  /** Stores the session and returns it with its token, which is shown only this once. */
  create(
    projectId: string,
    input: NewConnectSession,
  ): Promise<{ session: ConnectSession; token: string }>
  /**
   * The live session a token opens; throws `UnauthorizedError` when unknown or expired, with
   * the same message for both.
   */
  open(token: string): Promise<ConnectSession>
}

export function createConnectSessionService(store: Store, now: () => Date): ConnectSessionService {
  return {
    async create(projectId, { expiresInSeconds, ...input }) {
      const token = randomString('cst_', 32)
      const createdAt = now()
      await store.connectSessions.purgeExpiredBefore(
        new Date(createdAt.getTime() - expiredKeptForMs).toISOString(),
      )
      const row = await store.connectSessions.insert({
        project_id: projectId,
        token_hash: sha256Hex(token),
        origin_owner_id: input.originOwnerId,
        origin_owner_name: input.originOwnerName,
        origin_username: input.originUsername,
        provider: input.provider,
        provider_version: input.providerVersion,
        categories: input.categories === null ? null : JSON.stringify(input.categories),
        account_id: input.accountId,
        label: input.label,
        metadata: input.metadata === null ? null : JSON.stringify(input.metadata),
        multiple: input.multiple ? 1 : 0,
        type: input.type,
        return_url: input.returnUrl,
        created_at: createdAt.toISOString(),
        expires_at: new Date(createdAt.getTime() + expiresInSeconds * 1000).toISOString(),
      })
      return { session: sessionFromRow(row), token }
    },

    async open(token) {
      const row = await store.connectSessions.findByTokenHash(sha256Hex(token))
      if (row === undefined || Date.parse(row.expires_at) <= now().getTime()) {
        throw new UnauthorizedError(refusal.message, { providerResponse: refusal.providerResponse })
      }
      return sessionFromRow(row)
    },
  }
}

function sessionFromRow(row: ConnectSessionRow): ConnectSession {
  return {
    id: row.id,
    projectId: row.project_id,
    originOwnerId: row.origin_owner_id,
    originOwnerName: row.origin_owner_name,
    originUsername: row.origin_username,
    provider: row.provider,
    providerVersion: row.provider_version,
    categories: row.categories === null ? null : (JSON.parse(row.categories) as string[]),
    accountId: row.account_id,
    label: row.label,
    metadata: row.metadata === null ? null : (JSON.parse(row.metadata) as Record<string, unknown>),
    multiple: row.multiple === 1,
    type: row.type,
    returnUrl: row.return_url,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    linkedAccountId: row.linked_account_id,
  }
}
