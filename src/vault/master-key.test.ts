import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { createLogger } from '../log.ts'
import { randomBytes } from 'node:crypto'

import { loadMasterKey, loadMasterKeys, masterKeyFileName, writeKeyFile } from './master-key.ts'

const logger = createLogger({ level: 'silent' })
const dirs: string[] = []

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-key-'))
  dirs.push(dir)
  return dir
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe('loadMasterKey', () => {
  it('creates a 32-byte key file readable only by its owner, then reuses it', () => {
    const dataDir = tempDir()
    const first = loadMasterKey({ configured: null, dataDir, logger })
    const file = path.join(dataDir, masterKeyFileName)

    expect(first.length).toBe(32)
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(loadMasterKey({ configured: null, dataDir, logger }).equals(first)).toBe(true)
  })

  it('prefers the configured key and writes no file', () => {
    const dataDir = tempDir()
    const configured = Buffer.alloc(32, 7)
    expect(loadMasterKey({ configured, dataDir, logger })).toBe(configured)
    expect(fs.existsSync(path.join(dataDir, masterKeyFileName))).toBe(false)
  })

  it('reads every key of a key file left by an unfinished rotation, the first one sealing', () => {
    const dataDir = tempDir()
    const file = path.join(dataDir, masterKeyFileName)
    const [next, previous] = [randomBytes(32), randomBytes(32)]
    writeKeyFile(file, [next, previous])

    const ring = loadMasterKeys({ configured: null, dataDir, logger })
    expect(ring.keys.map((key) => key.toString('hex'))).toEqual(
      [next, previous].map((key) => key.toString('hex')),
    )
    expect(ring).toMatchObject({ source: file, file })
    expect(loadMasterKey({ configured: null, dataDir, logger }).equals(next)).toBe(true)
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(fs.readdirSync(dataDir)).toEqual([masterKeyFileName])
  })

  it('refuses a key file holding something else than 32-byte keys', () => {
    const dataDir = tempDir()
    fs.writeFileSync(path.join(dataDir, masterKeyFileName), 'c2hvcnQ=\n')
    expect(() => loadMasterKeys({ configured: null, dataDir, logger })).toThrow(
      /32-byte base64 keys/,
    )
  })
})
