import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { startHub } from '../../src/hub.ts'
import { createLogger } from '../../src/log.ts'
import { killCliChildren, listeningUrl, runCli } from '../cli.ts'
import { basicAuth } from '../harness.ts'

const dirs: string[] = []

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-cli-'))
  dirs.push(dir)
  return dir
}

afterEach(() => {
  killCliChildren()
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe('passerelle keys create', () => {
  it('prints a new key alone on stdout, and the hub accepts it', async () => {
    const dataDir = tempDir()
    const run = runCli(['keys', 'create', '--project', 'acme', '--data-dir', dataDir], {})
    expect(await run.exit).toBe(0)

    const lines = run.stdout().trim().split('\n')
    expect(lines).toHaveLength(1)
    const apiKey = lines[0] ?? ''
    expect(apiKey).toMatch(/^psk_[0-9A-Za-z]{32}$/)

    const hub = await startHub({ port: 0, dataDir, logger: createLogger({ level: 'silent' }) })
    try {
      const response = await fetch(`${hub.url}/accounts`, {
        headers: { authorization: basicAuth(apiKey) },
      })
      expect(response.status).toBe(200)
    } finally {
      await hub.close()
    }
  })
})

describe('passerelle vault rotate --help', () => {
  it('prints the usage instead of refusing the option', async () => {
    const run = runCli(['vault', 'rotate', '--help'], {})
    expect(await run.exit).toBe(0)
    expect(run.stdout()).toContain('vault rotate')
  })
})

describe('passerelle start', () => {
  it('stops with exit code 2 and names the variable when a setting is wrong', async () => {
    const run = runCli(['start'], { PORT: 'eighty', DATA_DIR: tempDir() })
    expect(await run.exit).toBe(2)
    expect(run.stderr()).toContain('PORT')
    expect(run.stderr()).not.toMatch(/\n\s+at /)
  })

  it('refuses a PostgreSQL URL with a clear message', async () => {
    const run = runCli(['start'], {
      DATABASE_URL: 'postgres://localhost/passerelle',
      DATA_DIR: tempDir(),
    })
    expect(await run.exit).toBe(2)
    expect(run.stderr()).toContain('PostgreSQL support is not available yet')
  })

  it('says the port is taken instead of crashing when another server holds it', async () => {
    const other = await startHub({
      port: 0,
      dataDir: tempDir(),
      logger: createLogger({ level: 'silent' }),
    })
    try {
      const port = new URL(other.url).port
      const run = runCli(['start', '--port', port, '--data-dir', tempDir()], {})
      expect(await run.exit).toBe(2)
      expect(run.stderr()).toContain('already in use')
    } finally {
      await other.close()
    }
  })

  it('serves on the port given by flag, registers the bootstrap key and stops on SIGTERM', async () => {
    const apiKey = 'bootstrap-key-for-the-cli-test-0001'
    const run = runCli(['start', '--port', '0', '--data-dir', tempDir()], {
      PASSERELLE_API_KEY: apiKey,
    })
    const url = await listeningUrl(run)

    const response = await fetch(`${url}/accounts`, {
      headers: { authorization: basicAuth(apiKey) },
    })
    expect(response.status).toBe(200)

    run.child.kill('SIGTERM')
    expect(await run.exit).toBe(0)
    expect(run.stdout()).not.toContain(apiKey)
  })
})
