import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import type { Logger } from '../log.ts'

export const masterKeyFileName = 'master.key'

/**
 * The configured master key, else the key file in `dataDir`, created on first start.
 * The file is written with `wx` so two processes starting at once cannot both create one:
 * the loser reads the winner's key.
 */
export function loadMasterKey(options: {
  configured: Buffer | null
  dataDir: string
  logger: Logger
}): Buffer {
  if (options.configured !== null) return options.configured

  const file = path.join(options.dataDir, masterKeyFileName)
  fs.mkdirSync(options.dataDir, { recursive: true })
  try {
    fs.writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' })
    options.logger.warn(
      { file },
      'generated a master key file; back it up or set PASSERELLE_MASTER_KEY, credentials cannot be read without it',
    )
  } catch (error) {
    if (!isAlreadyExists(error)) throw error
  }
  return readKeyFile(file)
}

function readKeyFile(file: string): Buffer {
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64')
  if (key.length !== 32) {
    throw new Error(`The master key file ${file} does not hold a 32-byte base64 key`)
  }
  return key
}

function isAlreadyExists(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST'
}
