import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { startHub, type StartHubOptions } from '../../src/hub.ts'
import { createLogger } from '../../src/log.ts'
import { startSandbox } from '../../src/sandbox/index.ts'
import { openStore } from '../../src/store/database.ts'
import { masterKeyFile, readKeyFile, writeKeyFile } from '../../src/vault/master-key.ts'
import { resealCredentials } from '../../src/vault/rotation.ts'
import { createVault, keyIdOf } from '../../src/vault/vault.ts'
import { killCliChildren, runCli } from '../cli.ts'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>

const accountCount = 12
let sandbox: Sandbox
const dirs: string[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 61, employees: 3 })
})

afterAll(async () => {
  await sandbox.close()
})

afterEach(() => {
  killCliChildren()
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

function hubOptions(dataDir: string, extra: StartHubOptions = {}): StartHubOptions {
  return {
    port: 0,
    dataDir,
    payfitApiUrl: sandbox.url,
    payfitOauthUrl: sandbox.url,
    logger: createLogger({ level: 'silent' }),
    ...extra,
  }
}

/** A data directory holding `accountCount` linked accounts, sealed with the hub's key. */
async function seededDataDir(masterKey?: Buffer): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-rotate-'))
  dirs.push(dataDir)
  const hub = await startHub(hubOptions(dataDir, { masterKey }))
  try {
    const { project } = await hub.createProjectKey('rotation')
    for (let index = 0; index < accountCount; index++) {
      const { token } = await hub.createConnectSession(project, {
        originOwnerId: `owner-${String(index)}`,
        originOwnerName: 'Owner',
      })
      const session = await hub.services.connectSessions.open(token)
      await hub.services.accounts.link(session, 'payfit', { api_key: guideKey() })
    }
  } finally {
    await hub.close()
  }
  return dataDir
}

function guideKey(): string {
  return sandbox.companies[0]?.keys.guide ?? ''
}

/** Starts a hub on the directory and opens every stored credential through it. */
async function openEveryCredential(dataDir: string, masterKey?: Buffer): Promise<number> {
  const hub = await startHub(hubOptions(dataDir, { masterKey }))
  try {
    const project = await hub.services.projects.registerApiKey(
      'psk_unused_here_0123456789',
      'rotation',
    )
    const accounts = await hub.services.accounts.list(project.id, {}, { page: 1, pageSize: 100 })
    for (const account of accounts) {
      const credentials = await hub.services.accounts.openCredentials(project.id, account.id)
      expect(credentials.api_key).toBe(guideKey())
    }
    return accounts.length
  } finally {
    await hub.close()
  }
}

function secretForms(key: Buffer): string[] {
  return [key.toString('base64'), key.toString('hex'), key.toString('base64url')]
}

describe('passerelle vault rotate with the key file', () => {
  it('re-seals every credential under a generated key and leaves only that key in the file', async () => {
    const dataDir = await seededDataDir()
    const [oldKey] = readKeyFile(masterKeyFile(dataDir))
    if (oldKey === undefined) throw new Error('no key file')

    const run = runCli(['vault', 'rotate', '--data-dir', dataDir, '--batch-size', '5'])
    expect(await run.exit).toBe(0)

    const ring = readKeyFile(masterKeyFile(dataDir))
    expect(ring).toHaveLength(1)
    const [newKey] = ring
    if (newKey === undefined) throw new Error('no key')
    expect(newKey.equals(oldKey)).toBe(false)
    expect(run.stdout()).toContain(`re-sealed ${String(accountCount)},`)
    expect(run.stdout()).toContain(`retired key ids: ${keyIdOf(oldKey)}`)
    for (const form of [...secretForms(oldKey), ...secretForms(newKey)]) {
      expect(run.stdout() + run.stderr()).not.toContain(form)
    }
    expect(fs.statSync(masterKeyFile(dataDir)).mode & 0o777).toBe(0o600)

    expect(await openEveryCredential(dataDir)).toBe(accountCount)
    await expect(startHub(hubOptions(dataDir, { masterKey: oldKey }))).rejects.toThrow(
      `cannot open stored credentials (${String(accountCount)} under key id ${keyIdOf(newKey)})`,
    )
  })

  it('finishes an interrupted rotation when run again, skipping what is already re-sealed', async () => {
    const dataDir = await seededDataDir()
    const file = masterKeyFile(dataDir)
    const [oldKey] = readKeyFile(file)
    if (oldKey === undefined) throw new Error('no key file')
    const newKey = randomBytes(32)

    // What a crash after the first batch leaves: both keys in the file, 5 rows re-sealed.
    writeKeyFile(file, [newKey, oldKey])
    const store = await openStore(`sqlite://${path.join(dataDir, 'passerelle.db')}`)
    await resealCredentials(store.accounts, createVault([newKey, oldKey]), {
      batchSize: 5,
      onBatch: () => {
        throw new Error('crash')
      },
    }).catch(() => undefined)
    await store.close()
    expect(await openEveryCredential(dataDir)).toBe(accountCount)

    const run = runCli(['vault', 'rotate', '--data-dir', dataDir])
    expect(await run.exit).toBe(0)
    expect(run.stdout()).toContain(
      `re-sealed ${String(accountCount - 5)}, already under the new key 5`,
    )
    const ring = readKeyFile(file)
    expect(ring.map((key) => key.toString('hex'))).toEqual([newKey.toString('hex')])
    expect(await openEveryCredential(dataDir)).toBe(accountCount)
  })
})

describe('passerelle vault rotate with PASSERELLE_MASTER_KEY', () => {
  it('asks for the new key instead of inventing one it could not show', async () => {
    const oldKey = randomBytes(32)
    const dataDir = await seededDataDir(oldKey)
    const run = runCli(['vault', 'rotate'], {
      DATA_DIR: dataDir,
      PASSERELLE_MASTER_KEY: oldKey.toString('hex'),
    })
    expect(await run.exit).toBe(2)
    expect(run.stderr()).toContain('PASSERELLE_NEW_MASTER_KEY')
    expect(await openEveryCredential(dataDir, oldKey)).toBe(accountCount)
  })

  it('re-seals under the new key and tells the operator to switch the variable', async () => {
    const oldKey = randomBytes(32)
    const newKey = randomBytes(32)
    const dataDir = await seededDataDir(oldKey)

    const run = runCli(['vault', 'rotate'], {
      DATA_DIR: dataDir,
      PASSERELLE_MASTER_KEY: oldKey.toString('hex'),
      PASSERELLE_NEW_MASTER_KEY: newKey.toString('base64'),
    })
    expect(await run.exit).toBe(0)
    expect(run.stdout()).toContain(`re-sealed ${String(accountCount)},`)
    expect(run.stdout()).toContain('set PASSERELLE_MASTER_KEY to the new key')
    for (const form of [...secretForms(oldKey), ...secretForms(newKey)]) {
      expect(run.stdout() + run.stderr()).not.toContain(form)
    }
    expect(fs.existsSync(masterKeyFile(dataDir))).toBe(false)

    expect(await openEveryCredential(dataDir, newKey)).toBe(accountCount)
    const refused = runCli(['start', '--port', '0'], {
      DATA_DIR: dataDir,
      PASSERELLE_MASTER_KEY: oldKey.toString('hex'),
    })
    expect(await refused.exit).not.toBe(0)
    expect(refused.stderr()).toContain('PASSERELLE_MASTER_KEY: the master key')
    expect(refused.stderr()).toContain('cannot open stored credentials')
    expect(refused.stderr()).not.toContain(oldKey.toString('hex'))
  })
})
