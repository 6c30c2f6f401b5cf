import type { Connector, VerifiedAccount } from '../connectors/types.ts'
import { ConflictError, InvalidRequestError, NotFoundError } from '../errors.ts'
import type { AccountFilter } from '../store/accounts.ts'
import { isUniqueViolation, type Store } from '../store/database.ts'
import type { AccountRow } from '../store/schema.ts'
import type { Vault } from '../vault/vault.ts'
import type { ConnectSession } from './connect-sessions.ts'
import { toLinkedAccount, type LinkedAccount, type StatusReason } from './linked-account.ts'
import { DifferentCompanyError, MissingScopesError, SecondCompanyError } from './refusals.ts'
import { randomString } from './secrets.ts'

/** The connectors the hub can link; `connectors/registry.ts` provides one. */
export interface ConnectorCatalog {
  get(provider: string): Connector | undefined
  list(): Connector[]
}

export type Credentials = Record<string, string>

export interface AccountChanges {
  originOwnerId?: string
  originOwnerName?: string
  originUsername?: string | null
  label?: string | null
  type?: string | null
  /** Verified before anything is stored; on failure the account keeps its old credentials. */
  credentials?: Credentials
}

const maxUpsertAttempts = 3
/** An owner links a handful of companies of one provider; the check reads at most this many. */
const maxOwnerAccountsScanned = 100

export function createAccountService(deps: {
  store: Store
  vault: Vault
  connectors: ConnectorCatalog
  now: () => Date
}) {
  const { store, vault, connectors, now } = deps

  function connectorFor(provider: string): Connector {
    const connector = connectors.get(provider)
    if (connector === undefined) throw new NotFoundError(`No connector named "${provider}"`)
    return connector
  }

  /**
   * Nothing may go on calling the provider with credentials that were replaced or deleted:
   * `current` are the account's credentials now (none once it is deleted).
   */
  function stopProviderWork(row: AccountRow, current?: Credentials): void {
    connectors.get(row.provider)?.hris?.forget?.(row.id, current)
  }

  function present(row: AccountRow): LinkedAccount {
    return toLinkedAccount(row, connectors.get(row.provider)?.descriptor.name ?? null)
  }

  async function findRow(projectId: string, accountId: string): Promise<AccountRow> {
    const row = await store.accounts.find(projectId, accountId)
    if (row === undefined) throw new NotFoundError('Account not found')
    return row
  }

  /** The decrypted credentials and the envelope they came from (to fence later changes on it). */
  async function openStoredCredentials(
    projectId: string,
    accountId: string,
  ): Promise<{ credentials: Credentials; envelope: string }> {
    const row = await findRow(projectId, accountId)
    const credentials = JSON.parse(vault.open(row.credentials, row.id)) as Credentials
    return { credentials, envelope: row.credentials }
  }

  async function verifyForLinking(connector: Connector, credentials: Credentials) {
    for (const field of connector.descriptor.credentialFields) {
      if (field.required && (credentials[field.key] ?? '').trim() === '') {
        throw new InvalidRequestError(`${field.label} is required (credentials.${field.key})`)
      }
    }
    const verified = await connector.verify(credentials)
    if (verified.missingScopes.length > 0) {
      throw new MissingScopesError(connector.descriptor.name, verified.missingScopes)
    }
    return verified
  }

  function verifiedColumns(verified: VerifiedAccount, accountId: string, credentials: Credentials) {
    return {
      display_name: verified.displayName,
      country: verified.country,
      granted_scopes: JSON.stringify(verified.grantedScopes),
      status: 'active',
      status_reasons: '[]',
      credentials: vault.seal(JSON.stringify(credentials), accountId),
      updated_at: now().toISOString(),
    }
  }

  /**
   * Inserts the account, or, when this owner already linked the same company, updates that
   * row (same id, new key). The unique index decides who wins a race; the loser updates.
   */
  async function upsert(
    session: ConnectSession,
    provider: string,
    verified: VerifiedAccount,
    credentials: Credentials,
  ) {
    const key = {
      projectId: session.projectId,
      provider,
      originOwnerId: session.originOwnerId,
      externalId: verified.externalId,
    }
    for (let attempt = 1; attempt <= maxUpsertAttempts; attempt++) {
      const id = randomString('acc_', 22)
      const inserted = await store.accounts.insertIfAbsent({
        id,
        project_id: session.projectId,
        provider,
        origin_owner_id: session.originOwnerId,
        origin_owner_name: session.originOwnerName,
        origin_username: session.originUsername,
        label: session.label,
        type: session.type ?? 'production',
        external_id: verified.externalId,
        created_at: now().toISOString(),
        ...verifiedColumns(verified, id, credentials),
      })
      if (inserted !== undefined) return { row: inserted, created: true }

      const existing = await store.accounts.findByOwnerKey(key)
      if (existing === undefined) continue
      const updated = await store.accounts.update(session.projectId, existing.id, {
        origin_owner_name: session.originOwnerName,
        origin_username: session.originUsername ?? existing.origin_username,
        ...verifiedColumns(verified, existing.id, credentials),
      })
      if (updated !== undefined) {
        stopProviderWork(updated, credentials)
        return { row: updated, created: false }
      }
    }
    throw new ConflictError('The account changed while it was being linked; try again')
  }

  async function replaceCredentials(row: AccountRow, credentials: Credentials) {
    const connector = connectorFor(row.provider)
    const verified = await verifyForLinking(connector, credentials)
    if (verified.externalId !== row.external_id) {
      throw new DifferentCompanyError(connector.descriptor.name)
    }
    return verifiedColumns(verified, row.id, credentials)
  }

  async function update(
    projectId: string,
    accountId: string,
    changes: AccountChanges,
  ): Promise<LinkedAccount> {
    const row = await findRow(projectId, accountId)
    const credentialColumns =
      changes.credentials === undefined ? {} : await replaceCredentials(row, changes.credentials)
    try {
      const updated = await store.accounts.update(projectId, accountId, {
        origin_owner_id: changes.originOwnerId,
        origin_owner_name: changes.originOwnerName,
        origin_username: changes.originUsername,
        label: changes.label,
        type: changes.type,
        updated_at: now().toISOString(),
        ...credentialColumns,
      })
      if (updated === undefined) throw new NotFoundError('Account not found')
      if (changes.credentials !== undefined) stopProviderWork(updated, changes.credentials)
      return present(updated)
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      throw new ConflictError('This owner already has an account linked to the same company')
    }
  }

  /**
   * A session created without `multiple` links one company per owner and provider: another
   * company is refused (the same company relinks its account). With `multiple`, each company
   * gets its own account. Two sessions racing on two companies may both pass this check.
   */
  async function refuseSecondCompany(
    session: ConnectSession,
    connector: Connector,
    verified: VerifiedAccount,
  ) {
    if (session.multiple) return
    const owned = await store.accounts.list(
      session.projectId,
      { originOwnerIds: [session.originOwnerId], providers: [connector.descriptor.provider] },
      { offset: 0, limit: maxOwnerAccountsScanned },
    )
    if (owned.some((row) => row.external_id !== verified.externalId)) {
      throw new SecondCompanyError(connector.descriptor.name)
    }
  }

  async function linkNew(session: ConnectSession, provider: string, credentials: Credentials) {
    const connector = connectorFor(provider)
    const verified = await verifyForLinking(connector, credentials)
    await refuseSecondCompany(session, connector, verified)
    const { row, created } = await upsert(session, provider, verified, credentials)
    return { account: present(row), created }
  }

  return {
    /**
     * Verifies the credentials and links (or relinks) the session owner's account; the session
     * then records which account it linked.
     */
    async link(session: ConnectSession, provider: string, credentials: Credentials) {
      if (session.provider !== null && session.provider !== provider) {
        throw new InvalidRequestError(
          `This connect session only links ${session.provider} accounts`,
        )
      }
      const linked =
        session.accountId === null
          ? await linkNew(session, provider, credentials)
          : {
              account: await update(session.projectId, session.accountId, { credentials }),
              created: false,
            }
      await store.connectSessions.setLinkedAccount(session.projectId, session.id, linked.account.id)
      return linked
    },

    /** The account this session edits or has linked, or null (not yet, or deleted since). */
    async linkedThrough(session: ConnectSession): Promise<LinkedAccount | null> {
      const accountId = session.accountId ?? session.linkedAccountId
      if (accountId === null) return null
      const row = await store.accounts.find(session.projectId, accountId)
      return row === undefined ? null : present(row)
    },

    async list(projectId: string, filter: AccountFilter, page: { page: number; pageSize: number }) {
      const rows = await store.accounts.list(projectId, filter, {
        offset: (page.page - 1) * page.pageSize,
        limit: page.pageSize,
      })
      return rows.map(present)
    },

    async get(projectId: string, accountId: string): Promise<LinkedAccount> {
      return present(await findRow(projectId, accountId))
    },

    update,

    async delete(projectId: string, accountId: string): Promise<LinkedAccount> {
      const row = await store.accounts.delete(projectId, accountId)
      if (row === undefined) throw new NotFoundError('Account not found')
      stopProviderWork(row)
      return present(row)
    },

    /** The decrypted credentials, for code that calls the provider on the account's behalf. */
    async openCredentials(projectId: string, accountId: string): Promise<Credentials> {
      return (await openStoredCredentials(projectId, accountId)).credentials
    },

    openStoredCredentials,

    /**
     * Marks the account as failing when the provider refused the credentials in `envelope` (as
     * `openStoredCredentials` gave them). A refusal of a key replaced meanwhile (a relink while
     * the request ran) changes nothing: the account is answered as it is now.
     */
    async recordError(
      projectId: string,
      accountId: string,
      reason: Omit<StatusReason, 'timestamp'>,
      envelope?: string,
    ): Promise<LinkedAccount> {
      const timestamp = now().toISOString()
      const changes = {
        status: 'error',
        status_reasons: JSON.stringify([{ ...reason, timestamp }]),
        updated_at: timestamp,
      }
      const updated =
        envelope === undefined
          ? await store.accounts.update(projectId, accountId, changes)
          : await store.accounts.updateWhileCredentials(projectId, accountId, envelope, changes)
      return present(updated ?? (await findRow(projectId, accountId)))
    },

    /**
     * Adds (or refreshes) a reason that leaves the account active, e.g. a scope the provider
     * refused for one operation: the rest still works, and the admin can see what to grant.
     * Fenced like `recordError`: a reason about a replaced key is dropped.
     */
    async recordWarning(
      projectId: string,
      accountId: string,
      reason: Omit<StatusReason, 'timestamp'>,
      envelope: string,
    ): Promise<void> {
      const row = await findRow(projectId, accountId)
      const others = (JSON.parse(row.status_reasons) as StatusReason[]).filter(
        (kept) => kept.code !== reason.code || kept.description !== reason.description,
      )
      const timestamp = now().toISOString()
      await store.accounts.updateWhileCredentials(projectId, accountId, envelope, {
        status_reasons: JSON.stringify([...others, { ...reason, timestamp }]),
        updated_at: timestamp,
      })
    },
  }
}

export type AccountService = ReturnType<typeof createAccountService>
