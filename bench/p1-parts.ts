import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { startCommand } from './compiled.ts'
import { closedLoop } from './load.ts'
import { startHubChild, type SandboxChild } from './processes.ts'
import { summariseProfileDir, type ProfileSummary } from './profile.ts'
import { requireCompiledHub, type BenchContext, type Table } from './scenario.ts'
import { payfitPageUrls, upstreamPage } from './p1-upstream.ts'
import { formatCount, formatMs } from './stats.ts'
import type { LoopResult } from './load.ts'

/**
 * The hub; the floor (the least a hub answering StackOne's employees does); the pass-through
 * (the least any process in between does); the PayFit calls made directly.
 */
export type Side = 'hub' | 'floor' | 'pass-through' | 'direct'

export interface Round {
  side: Side
  /** Which comparison the round belongs to (load, unloaded, PayFit latency). */
  condition: string
  loop: LoopResult
  /** CPU of the process between client and sandbox: the hub, the floor or the pass-through. */
  hubCpuMs: number
  /** Requests the sandbox received during the round (each side makes the same per page, cold). */
  sandboxCalls: number
  sandboxCpuMs: number
  employees: number
}

/** The direct side: the calls the hub makes for one page, with the same structure. */
export function directCalls(sandbox: SandboxChild, companyId: string, keys: readonly string[]) {
  const readPage = upstreamPage(sandbox.url, companyId, keys)
  return async (): Promise<number[]> => (await readPage()).statuses
}

export interface PassThroughChild {
  pid: number
  url: string
  stop(): Promise<void>
}

/**
 * bench/pass-through.ts from the bench's compiled build, run as `npm start` runs the hub: the least
 * any process between the client and PayFit does for a page, measured beside the hub.
 */
export async function startPassThrough(
  compiledMain: string,
  sandbox: SandboxChild,
  companyId: string,
  keysFile: string,
  answer: 'collaborators' | 'employees',
): Promise<PassThroughChild> {
  const script = path.resolve(compiledMain, '../../../bench/pass-through.js')
  const { environment, nodeFlags } = startCommand()
  const child = spawn(
    process.execPath,
    [...nodeFlags, script, sandbox.url, companyId, keysFile, answer],
    { env: { ...process.env, ...environment }, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve()
    }),
  )
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const end = buffered.indexOf('\n')
      if (end !== -1) resolve((JSON.parse(buffered.slice(0, end)) as { port: number }).port)
    })
    child.once('exit', (code) => {
      reject(new Error(`pass-through exited with ${String(code)}`))
    })
  })
  return {
    pid: child.pid ?? 0,
    url: `http://127.0.0.1:${String(port)}`,
    async stop() {
      child.kill('SIGTERM')
      await exited
    },
  }
}

/** The keys as a file the pass-through reads (never on its command line). */
export function writeKeysFile(dir: string, keys: readonly string[]): string {
  const file = path.join(dir, 'keys.json')
  fs.writeFileSync(file, JSON.stringify(keys), { mode: 0o600 })
  return file
}

export function roundsTable(rounds: Round[]): Table {
  return {
    caption: 'Every round, in the order run',
    columns: [
      'Condition',
      'Side',
      'Pages',
      'p50',
      'p99',
      'Pages/s',
      'CPU between (hub, floor, pass-through)',
      'Sandbox CPU',
      'Sandbox calls / page',
      'Failures',
    ],
    rows: rounds.map((round) => [
      round.condition,
      round.side,
      formatCount(round.loop.iterations),
      formatMs(round.loop.p50Ms),
      formatMs(round.loop.p99Ms),
      formatCount(round.loop.perSecond),
      formatMs(round.hubCpuMs),
      formatMs(round.sandboxCpuMs),
      (round.sandboxCalls / Math.max(1, round.loop.iterations)).toFixed(2),
      String(round.loop.failures),
    ]),
  }
}

/** One more hub round under `node --cpu-prof`, outside the measured rounds. */
export async function profileHub(
  context: BenchContext,
  connections: number,
  dataDir: string,
  sandbox: SandboxChild,
  durationMs: number,
  iterationFor: (hubUrl: string) => () => Promise<number[]>,
): Promise<ProfileSummary | undefined> {
  const profileDir = context.tempDir('p1-profile')
  const hub = await startHubChild({
    dataDir,
    sandboxUrl: sandbox.url,
    nodeFlags: ['--cpu-prof', '--cpu-prof-dir', profileDir],
    compiledMain: await requireCompiledHub(context),
  })
  try {
    await closedLoop({
      connections,
      durationMs,
      maxIterations: 200_000,
      iteration: iterationFor(hub.url),
    })
  } finally {
    await hub.stop()
  }
  return summariseProfileDir(profileDir, hub.startupMs)
}

export function profileTables(profile: ProfileSummary | undefined): Table[] {
  if (profile === undefined) return []
  const share = (value: number) => `${(value * 100).toFixed(1)} %`
  return [
    {
      caption: `Hub CPU profile of one cold round (\`node --cpu-prof\`, ${formatMs(profile.busyMs)} busy): self time by area`,
      columns: ['Area', 'Self time', 'Share'],
      rows: profile.areas.map((area) => [area.name, formatMs(area.selfMs), share(area.share)]),
    },
    {
      caption: 'The same profile by function',
      columns: ['Function', 'Self time', 'Share'],
      rows: profile.functions.map((entry) => [
        `\`${entry.name}\``,
        formatMs(entry.selfMs),
        share(entry.share),
      ]),
    },
  ]
}

/** The PayFit answers behind one page, as text: collaborators, company, first contract page. */
export async function payfitPageBodies(
  sandbox: SandboxChild,
  companyId: string,
  key: string,
): Promise<string[]> {
  const urls = payfitPageUrls(sandbox.url, companyId)
  return Promise.all(
    [urls.collaborators, urls.company, urls.contracts(null)].map(async (url) => {
      const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } })
      return response.text()
    }),
  )
}

/**
 * The JSON work any hub speaking StackOne's protocol does for one page, timed in this process:
 * parsing PayFit's answers, and writing the unified page as UTF-8 bytes (medians of runs of 200).
 */
export function jsonWorkMs(payfitBodies: readonly string[], hubBody: string) {
  const page = JSON.parse(hubBody) as unknown
  const timed = (work: () => void) => {
    const runs: number[] = []
    for (let run = 0; run < 5; run += 1) {
      const started = performance.now()
      for (let i = 0; i < 200; i += 1) work()
      runs.push((performance.now() - started) / 200)
    }
    return runs.sort((a, b) => a - b)[2] ?? Number.NaN
  }
  return {
    parsePayfitMs: timed(() => {
      for (const body of payfitBodies) JSON.parse(body)
    }),
    writePageMs: timed(() => Buffer.from(JSON.stringify(page))),
  }
}
