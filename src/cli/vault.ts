import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { parseArgs } from 'node:util'

import { ConfigError, loadConfig, parseMasterKey, type HubConfig } from '../config.ts'
import { openStore, type Store } from '../store/database.ts'
import { masterKeyFile, readKeyFile, writeKeyFile } from '../vault/master-key.ts'
import {
  countCredentialsByKeyId,
  defaultResealBatchSize,
  resealCredentials,
} from '../vault/rotation.ts'
import { createVault, keyIdOf } from '../vault/vault.ts'

const usage = `Usage: passerelle vault rotate [--new-key KEY] [--data-dir DIR] [--database-url URL]
                              [--batch-size N]

Re-encrypts every stored credential under a new master key, so the old one can be retired.
Stop the hub first, and start it again afterwards: it loads its keys only at start.

Where the keys come from:
  key file   (PASSERELLE_MASTER_KEY unset): the current key is DATA_DIR/master.key. The new key
             is PASSERELLE_NEW_MASTER_KEY or --new-key, else one is generated. The key file
             holds both keys while credentials are re-sealed, then only the new one.
  environment (PASSERELLE_MASTER_KEY set): the new key must be given; afterwards set
             PASSERELLE_MASTER_KEY to it wherever the hub is configured.

Safe to run again: credentials already under the new key are skipped, so an interrupted
rotation is finished by running the same command. Prints counts and key ids, never keys.`

interface Keys {
  /** The key credentials are re-sealed under. */
  next: Buffer
  /** Keys that may have sealed what is stored now. */
  previous: Buffer[]
  /** The key file to rewrite, or null when the keys come from the environment. */
  file: string | null
}

export async function run(argv: string[]): Promise<number> {
  const [action, ...rest] = argv
  const asksHelp = (arg: string | undefined) => arg === '--help' || arg === '-h' || arg === 'help'
  if (asksHelp(action) || (action === 'rotate' && rest.some(asksHelp))) {
    console.log(usage)
    return 0
  }
  if (action !== 'rotate') {
    console.error(action === undefined ? usage : `Unknown vault action "${action}".\n\n${usage}`)
    return 2
  }

  let config: HubConfig
  let keys: Keys
  let batchSize: number
  try {
    const values = parseArgs({
      args: rest,
      options: {
        'new-key': { type: 'string' },
        'data-dir': { type: 'string' },
        'database-url': { type: 'string' },
        'batch-size': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values
    config = loadConfig(process.env, {
      DATA_DIR: values['data-dir'],
      DATABASE_URL: values['database-url'],
    })
    batchSize = parseBatchSize(values['batch-size'])
    keys = resolveKeys(config, values['new-key'])
  } catch (error) {
    console.error(`Cannot rotate: ${error instanceof Error ? error.message : String(error)}`)
    return 2
  }

  const store = await openStore(config.databaseUrl)
  try {
    return await rotate(store, keys, batchSize)
  } finally {
    await store.close()
  }
}

async function rotate(store: Store, keys: Keys, batchSize: number): Promise<number> {
  const vault = createVault([keys.next, ...keys.previous])
  const retired = keys.previous.map(keyIdOf).filter((id) => id !== vault.currentKeyId)
  // The key file names the new key before anything is sealed with it: a crash from here on
  // leaves a keyring that opens every row, and running the command again finishes the job.
  if (keys.file !== null) writeKeyFile(keys.file, [keys.next, ...keys.previous])

  console.log(`Re-sealing credentials under master key id ${vault.currentKeyId}`)
  const report = await resealCredentials(store.accounts, vault, { batchSize })
  const left = [...(await countCredentialsByKeyId(store.accounts))].filter(
    ([keyId]) => keyId !== vault.currentKeyId,
  )
  const leftCount = left.reduce((sum, [, count]) => sum + count, 0)
  console.log(
    `re-sealed ${String(report.resealed)}, already under the new key ${String(report.alreadyCurrent)}, ` +
      `changed meanwhile ${String(report.changedMeanwhile)}, unreadable ${String(report.unreadable)}, ` +
      `left under other keys ${String(leftCount)}`,
  )

  if (leftCount > 0) {
    console.error(
      `Not finished: ${String(leftCount)} credentials are still under other keys ` +
        `(${left.map(([keyId, count]) => `${keyId}: ${String(count)}`).join(', ')}). ` +
        'Keep the old key. If the hub was running, stop it and run this command again; ' +
        'unreadable credentials need the key that sealed them.',
    )
    return 1
  }

  if (keys.file !== null) {
    writeKeyFile(keys.file, [keys.next])
    console.log(
      `Done. ${keys.file} now holds only the new key; retired key ids: ${retired.join(', ') || 'none'}. ` +
        'Back the file up; older database backups still need the old key.',
    )
  } else {
    console.log(
      `Done. Now set PASSERELLE_MASTER_KEY to the new key (id ${vault.currentKeyId}) wherever the ` +
        'hub is configured, then restart it. A hub started with the old key refuses to start. ' +
        `Retired key ids: ${retired.join(', ') || 'none'}.`,
    )
  }
  return 0
}

function resolveKeys(config: HubConfig, newKeyFlag: string | undefined): Keys {
  const given = newKeyFlag ?? optional(process.env.PASSERELLE_NEW_MASTER_KEY)
  const source = newKeyFlag === undefined ? 'PASSERELLE_NEW_MASTER_KEY' : '--new-key'
  const newKey = given === undefined ? undefined : parseMasterKey(given, source)

  if (config.masterKey !== null) {
    if (newKey === undefined) {
      throw new ConfigError(
        'PASSERELLE_NEW_MASTER_KEY',
        'PASSERELLE_MASTER_KEY is set, so the new key must come from PASSERELLE_NEW_MASTER_KEY ' +
          '(or --new-key); generate one with: openssl rand -base64 32',
      )
    }
    return { next: newKey, previous: distinctFrom(newKey, [config.masterKey]), file: null }
  }

  const file = masterKeyFile(config.dataDir)
  if (!fs.existsSync(file)) {
    throw new ConfigError(
      'DATA_DIR',
      `no master key file at ${file} and PASSERELLE_MASTER_KEY is not set: nothing to rotate`,
    )
  }
  const ring = readKeyFile(file)
  // A key file with several keys is an interrupted rotation: finish it towards its first key.
  const next = newKey ?? (ring.length > 1 ? ring[0] : undefined) ?? randomBytes(32)
  return { next, previous: distinctFrom(next, ring), file }
}

function distinctFrom(next: Buffer, keys: Buffer[]): Buffer[] {
  return keys.filter((key) => !key.equals(next))
}

function parseBatchSize(value: string | undefined): number {
  if (value === undefined) return defaultResealBatchSize
  const size = Number(value)
  if (!Number.isInteger(size) || size < 1 || size > 10_000) {
    throw new ConfigError('--batch-size', 'must be a whole number between 1 and 10000')
  }
  return size
}

function optional(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value
}
