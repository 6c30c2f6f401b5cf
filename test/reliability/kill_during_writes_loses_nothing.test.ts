import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import SqliteDatabase from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { startSandbox } from '../../src/sandbox/index.ts'
import { masterKeyFile, readKeyFile } from '../../src/vault/master-key.ts'
import { createVault } from '../../src/vault/vault.ts'
import { killCliChildren, runCli, waitForLine, type CliRun } from '../cli.ts'
import { basicAuth } from '../harness.ts'

/*
 * A real hub process (`passerelle start`) is killed with SIGKILL while workers create connect
 * sessions, link accounts and rotate their keys. The kill comes once a chosen number of writes
 * has been acknowledged (no timers), at a different count each round, on the same DATA_DIR.
 * After each kill the database must be intact, every account row must open with the vault
 * (the account id is the associated data, so a key written onto the wrong row cannot open),
 * and every acknowledged write must be there. PASSERELLE_HEAVY=1 runs more rounds.
 */

const heavy = process.env.PASSERELLE_HEAVY === '1'
const killAfterAcks = heavy ? [1, 5, 15, 40, 80, 150, 3, 60, 250, 10, 100, 30] : [1, 10, 30, 80]
const workers = heavy ? 16 : 8
const projectKey = 'psk_durability_test_key_0123456789'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>

interface AccountRecord {
  /** The key the hub last acknowledged for this account. */
  confirmed: string
  /** A rotation sent but not answered when the hub died: either key may be stored. */
  pending: string | null
}

let sandbox: Sandbox
let dataDir: string
let keys: { guide: string; full: string }
const accounts = new Map<string, AccountRecord>()
const totals = {
  rounds: 0,
  sessions: 0,
  links: 0,
  rotations: 0,
  /** Rotations cut by the kill (either key may be stored). */
  failedInFlight: 0,
  /** Links committed but never answered: allowed, never the other way round. */
  unacknowledgedRows: 0,
}

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    seed: 53,
    employees: 3,
    rateLimit: { readsPerSecond: 100_000, writesPerSecond: 100_000 },
  })
  const company = sandbox.companies[0]
  if (company === undefined) throw new Error('the sandbox has no company')
  keys = { guide: company.keys.guide, full: company.keys.full }
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-kill-'))
})

afterEach(() => {
  killCliChildren()
})

afterAll(async () => {
  await sandbox.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function startHubProcess(): Promise<{ run: CliRun; url: string }> {
  const run = runCli(['start'], {
    PORT: '0',
    DATA_DIR: dataDir,
    PAYFIT_API_URL: sandbox.url,
    PAYFIT_OAUTH_URL: sandbox.url,
    PASSERELLE_API_KEY: projectKey,
    LOG_LEVEL: 'info',
  })
  const line = await waitForLine(run, /listening on/)
  const url = /listening on (http:\/\/\S+?)"/.exec(line)?.[1]
  if (url === undefined) throw new Error(`no URL in ${line}`)
  return { run, url }
}

async function post(url: string, pathname: string, body: unknown, headers: Record<string, string>) {
  const response = await fetch(new URL(pathname, url), {
    method: pathname.startsWith('/accounts/') ? 'PATCH' : 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** Links and rotates until the hub dies; calls `acknowledged` after each confirmed write. */
async function worker(url: string, name: string, acknowledged: () => void): Promise<void> {
  const auth = { authorization: basicAuth(projectKey) }
  for (let iteration = 0; ; iteration++) {
    let rotating: { id: string; key: string } | undefined
    try {
      const session = await post(
        url,
        '/connect_sessions',
        { origin_owner_id: `${name}-${String(iteration)}`, origin_owner_name: 'Durability' },
        auth,
      )
      if (session.status !== 201) throw new Error(`session: ${String(session.status)}`)
      totals.sessions += 1
      const token = String(session.body.token)

      const linked = await post(
        url,
        '/hub/accounts',
        { integration_id: 'payfit', credentials: { api_key: keys.guide } },
        { 'x-hub-session-token': token },
      )
      if (linked.status !== 201) throw new Error(`link: ${String(linked.status)}`)
      const id = String(linked.body.id)
      accounts.set(id, { confirmed: keys.guide, pending: null })
      totals.links += 1
      acknowledged()

      for (const key of [keys.full, keys.guide]) {
        rotating = { id, key }
        const record = accounts.get(id)
        if (record !== undefined) record.pending = key
        const rotated = await post(url, `/accounts/${id}`, { credentials: { api_key: key } }, auth)
        if (rotated.status !== 200) throw new Error(`rotation: ${String(rotated.status)}`)
        accounts.set(id, { confirmed: key, pending: null })
        rotating = undefined
        totals.rotations += 1
        acknowledged()
      }
    } catch (error) {
      // The only way out: the hub was killed under this request (fetch cannot connect or
      // the socket closed). Any other failure is a finding and fails the round.
      if (!(error instanceof TypeError)) throw error
      if (rotating !== undefined) totals.failedInFlight += 1
      return
    }
  }
}

async function killDuringWrites(target: number): Promise<number> {
  const { run, url } = await startHubProcess()
  let acks = 0
  const acknowledged = () => {
    acks += 1
    if (acks === target) run.child.kill('SIGKILL')
  }
  const round = String(totals.rounds + 1)
  await Promise.all(
    Array.from({ length: workers }, (_, index) =>
      worker(url, `r${round}w${String(index)}`, acknowledged),
    ),
  )
  const exit = await run.exit
  expect(exit).toBeNull()
  expect(run.child.signalCode).toBe('SIGKILL')
  return acks
}

function checkDatabase(): { rows: number } {
  const vault = createVault(readKeyFile(masterKeyFile(dataDir)))
  const sqlite = new SqliteDatabase(path.join(dataDir, 'passerelle.db'))
  try {
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(sqlite.pragma('foreign_key_check')).toEqual([])

    const rows = sqlite
      .prepare('select id, credentials, external_id, status from accounts')
      .all() as {
      id: string
      credentials: string
      external_id: string
      status: string
    }[]
    const stored = new Map<string, string>()
    for (const row of rows) {
      const credentials = JSON.parse(vault.open(row.credentials, row.id)) as { api_key?: string }
      expect([keys.guide, keys.full]).toContain(credentials.api_key)
      expect(row.external_id).toBe(sandbox.companies[0]?.id)
      expect(row.status).toBe('active')
      stored.set(row.id, credentials.api_key ?? '')
    }

    for (const [id, record] of accounts) {
      expect(stored.has(id), `acknowledged account ${id}`).toBe(true)
      const allowed =
        record.pending === null ? [record.confirmed] : [record.confirmed, record.pending]
      expect(allowed, `key of ${id}`).toContain(stored.get(id))
    }
    return { rows: rows.length }
  } finally {
    sqlite.close()
  }
}

async function listedIds(url: string): Promise<Set<string>> {
  const ids = new Set<string>()
  for (let page = 1; ; page++) {
    const response = await fetch(`${url}/accounts?page_size=100&page=${String(page)}`, {
      headers: { authorization: basicAuth(projectKey) },
    })
    expect(response.status).toBe(200)
    const batch = (await response.json()) as { id: string }[]
    for (const account of batch) ids.add(account.id)
    if (batch.length < 100) return ids
  }
}

describe('kill -9 during concurrent linking and key rotation', () => {
  it.each(killAfterAcks.map((target, round) => [round + 1, target]))(
    'round %i: killed after %i acknowledged writes, the database is intact and keeps every one',
    async (_round, target) => {
      const acks = await killDuringWrites(target)
      totals.rounds += 1
      expect(acks).toBeGreaterThanOrEqual(target)

      const { rows } = checkDatabase()
      expect(rows).toBeGreaterThanOrEqual(accounts.size)
      totals.unacknowledgedRows = rows - accounts.size
    },
  )

  it('restarts on the same data directory and serves every account', async () => {
    const { run, url } = await startHubProcess()
    const ids = await listedIds(url)
    for (const id of accounts.keys()) expect(ids.has(id), id).toBe(true)
    run.child.kill('SIGTERM')
    expect(await run.exit).toBe(0)

    expect(totals.rounds).toBe(killAfterAcks.length)
    console.info(
      `durability: ${JSON.stringify({ ...totals, accounts: accounts.size, listed: ids.size })}`,
    )
  })
})
