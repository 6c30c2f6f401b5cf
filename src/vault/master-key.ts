import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import type { Logger } from '../log.ts'

export const masterKeyFileName = 'master.key'

/** The keys the hub was given and where they came from (named in errors, never the keys). */
export interface MasterKeyring {
  /** `keys[0]` seals; the others only open (they are there during an unfinished rotation). */
  keys: Buffer[]
  source: string
  /** The key file, when the keys came from one. */
  file: string | null
}

/**
 * The configured master key, else the key file in `dataDir`, created on first start (see
 * `createKeyFile`: two processes starting at once end up with the same key).
 */
export function loadMasterKeys(options: {
  configured: Buffer | null
  dataDir: string
  logger: Logger
}): MasterKeyring {
  if (options.configured !== null) {
    return { keys: [options.configured], source: 'PASSERELLE_MASTER_KEY', file: null }
  }

  const file = masterKeyFile(options.dataDir)
  fs.mkdirSync(options.dataDir, { recursive: true })
  if (createKeyFile(file, randomBytes(32))) {
    options.logger.warn(
      { file },
      'generated a master key file; back it up or set PASSERELLE_MASTER_KEY, credentials cannot be read without it',
    )
  }
  return { keys: readKeyFile(file), source: file, file }
}

/** The key that seals new values: the configured one, else the first of the key file. */
export function loadMasterKey(options: {
  configured: Buffer | null
  dataDir: string
  logger: Logger
}): Buffer {
  const [current] = loadMasterKeys(options).keys
  if (current === undefined) throw new Error('The master keyring is empty')
  return current
}

export function masterKeyFile(dataDir: string): string {
  return path.join(dataDir, masterKeyFileName)
}

/** One base64 key per line; the first seals. */
export function readKeyFile(file: string): Buffer[] {
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
  const keys = lines.map((line) => Buffer.from(line, 'base64'))
  if (keys.length === 0 || keys.some((key) => key.length !== 32)) {
    throw new Error(`The master key file ${file} does not hold 32-byte base64 keys, one a line`)
  }
  return keys
}

/**
 * Creates the key file unless one exists; false when it did. The key is written and flushed in
 * a private temporary file first, then hard-linked to the final name: the link either fails
 * with EEXIST (another process won, its complete file stays) or makes a complete file appear at
 * once, so no process ever reads a created-but-empty key file.
 */
function createKeyFile(file: string, key: Buffer): boolean {
  const temporary = writeTemporary(file, [key])
  try {
    fs.linkSync(temporary, file)
    return true
  } catch (error) {
    if (isAlreadyExists(error)) return false
    throw error
  } finally {
    fs.unlinkSync(temporary)
  }
}

/**
 * Replaces the key file in one step: written beside it, flushed, then renamed over it, so a
 * crash leaves either the old file or the new one, never a half-written keyring.
 */
export function writeKeyFile(file: string, keys: Buffer[]): void {
  fs.renameSync(writeTemporary(file, keys), file)
}

/** The keys in a new flushed file beside `file`, named for this process and a random suffix. */
function writeTemporary(file: string, keys: Buffer[]): string {
  const temporary = `${file}.${String(process.pid)}.${randomBytes(6).toString('hex')}.tmp`
  const handle = fs.openSync(temporary, 'wx', 0o600)
  try {
    fs.writeSync(handle, keys.map((key) => key.toString('base64') + '\n').join(''))
    fs.fsyncSync(handle)
  } finally {
    fs.closeSync(handle)
  }
  return temporary
}

function isAlreadyExists(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST'
}
