import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterEach, describe, expect, it } from 'vitest'

import { waitFor } from '../../test/wait-for.ts'
import { createLogger } from '../log.ts'
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

/**
 * Starts a process that says it is ready (a file in `meeting`), spins until `meeting/go`
 * exists, then loads the keys of `dataDir` and prints them.
 */
function keyLoaderProcess(dataDir: string, meeting: string): Promise<string> {
  const go = path.join(meeting, 'go')
  const moduleUrl = new URL('./master-key.ts', import.meta.url).href
  const script = `
    import fs from 'node:fs'
    const { loadMasterKeys } = await import(${JSON.stringify(moduleUrl)})
    fs.writeFileSync(${JSON.stringify(meeting)} + '/ready-' + process.pid, '')
    while (!fs.existsSync(${JSON.stringify(go)})) {}
    const logger = { warn() {} }
    const { keys } = loadMasterKeys({ configured: null, dataDir: ${JSON.stringify(dataDir)}, logger })
    process.stdout.write(keys.map((key) => key.toString('base64')).join(','))
  `
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve(out)
      else reject(new Error(`key loader exited with ${String(code)}: ${err.slice(0, 500)}`))
    })
  })
}

describe('key file creation by processes starting together', () => {
  it('gives every process the same complete key and leaves no temporary file', async () => {
    for (let round = 0; round < 3; round++) {
      const dataDir = tempDir()
      const meeting = tempDir()
      const loaders = Array.from({ length: 6 }, () => keyLoaderProcess(dataDir, meeting))
      await waitFor(
        'every process to reach the start line',
        () => (fs.readdirSync(meeting).length === loaders.length ? true : undefined),
        30_000,
      )
      fs.writeFileSync(path.join(meeting, 'go'), '')
      const keys = await Promise.all(loaders)

      expect(new Set(keys).size).toBe(1)
      expect(Buffer.from(keys[0] ?? '', 'base64')).toHaveLength(32)
      expect(fs.readdirSync(dataDir)).toEqual([masterKeyFileName])
    }
  }, 60_000)
})
