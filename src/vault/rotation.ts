import { ConfigError } from '../config.ts'
import type { AccountRepository } from '../store/accounts.ts'
import { envelopeKeyId, VaultError, type Vault } from './vault.ts'

type CredentialStore = Pick<AccountRepository, 'listCredentials' | 'replaceCredentials'>

export interface ResealReport {
  /** Envelopes re-sealed under the vault's current key by this run. */
  resealed: number
  /** Envelopes already under the current key, left untouched (a resumed run skips them). */
  alreadyCurrent: number
  /** Envelopes rewritten or deleted by someone else between our read and our write. */
  changedMeanwhile: number
  /** Envelopes no key of the vault opens; they are left as they are. */
  unreadable: number
}

export const defaultResealBatchSize = 200

/**
 * Re-seals every stored credential under the vault's current key, one transaction per batch
 * so a large table never holds the write lock for long. Idempotent: envelopes already under
 * the current key are skipped, so an interrupted run is finished by running it again.
 */
export async function resealCredentials(
  store: CredentialStore,
  vault: Vault,
  options: { batchSize?: number; onBatch?: (report: ResealReport) => void } = {},
): Promise<ResealReport> {
  const batchSize = options.batchSize ?? defaultResealBatchSize
  const report: ResealReport = {
    resealed: 0,
    alreadyCurrent: 0,
    changedMeanwhile: 0,
    unreadable: 0,
  }

  let afterId: string | null = null
  for (;;) {
    const rows = await store.listCredentials(afterId, batchSize)
    const last = rows.at(-1)
    if (last === undefined) return report
    afterId = last.id

    const changes = []
    for (const row of rows) {
      if (envelopeKeyId(row.credentials) === vault.currentKeyId) {
        report.alreadyCurrent += 1
        continue
      }
      const plaintext = openOrUndefined(vault, row.credentials, row.id)
      if (plaintext === undefined) {
        report.unreadable += 1
        continue
      }
      changes.push({ id: row.id, from: row.credentials, to: vault.seal(plaintext, row.id) })
    }
    const changed = changes.length === 0 ? 0 : await store.replaceCredentials(changes)
    report.resealed += changed
    report.changedMeanwhile += changes.length - changed
    options.onBatch?.({ ...report })
  }
}

/** How many stored envelopes each key id sealed. */
export async function countCredentialsByKeyId(
  store: Pick<AccountRepository, 'listCredentials'>,
  batchSize = 1000,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  let afterId: string | null = null
  for (;;) {
    const rows = await store.listCredentials(afterId, batchSize)
    const last = rows.at(-1)
    if (last === undefined) return counts
    afterId = last.id
    for (const row of rows) {
      const keyId = envelopeKeyId(row.credentials) ?? '(not an envelope)'
      counts.set(keyId, (counts.get(keyId) ?? 0) + 1)
    }
  }
}

/**
 * Stops a start whose keys cannot open what is stored (an old key after a rotation, a wrong
 * key): better a clear refusal now than a 500 on the first request that needs a credential.
 */
export async function refuseUnknownVaultKeys(
  store: Pick<AccountRepository, 'listCredentials'>,
  vault: Vault,
  source: string,
): Promise<void> {
  const unknown = [...(await countCredentialsByKeyId(store))].filter(
    ([keyId]) => !vault.keyIds.includes(keyId),
  )
  if (unknown.length === 0) return
  const described = unknown.map(([keyId, count]) => `${String(count)} under key id ${keyId}`)
  throw new ConfigError(
    source,
    `the master key (id ${vault.currentKeyId}) cannot open stored credentials (${described.join(', ')}). ` +
      'Start with the key they were sealed with; after "passerelle vault rotate", that is the new key.',
  )
}

function openOrUndefined(vault: Vault, envelope: string, accountId: string): string | undefined {
  try {
    return vault.open(envelope, accountId)
  } catch (error) {
    if (error instanceof VaultError) return undefined
    throw error
  }
}
