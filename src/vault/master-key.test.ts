import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { createLogger } from '../log.ts'
import { loadMasterKey, masterKeyFileName } from './master-key.ts'

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
})
