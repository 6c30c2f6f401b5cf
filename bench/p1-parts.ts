import { closedLoop } from './load.ts'
import { startHubChild, type SandboxChild } from './processes.ts'
import { summariseProfileDir, type ProfileSummary } from './profile.ts'
import { requireCompiledHub, type BenchContext, type Table } from './scenario.ts'
import { upstreamPage } from './p1-upstream.ts'
import { formatCount, formatMs } from './stats.ts'
import type { LoopResult } from './load.ts'

export interface Round {
  side: 'hub' | 'pass-through' | 'direct'
  /** Which comparison the round belongs to (load, unloaded, PayFit latency). */
  condition: string
  loop: LoopResult
  /** CPU of the process between client and sandbox: the hub, or the pass-through. */
  hubCpuMs: number
  sandboxCpuMs: number
  employees: number
}

/** The direct side: the calls the hub makes for one page, with the same structure. */
export function directCalls(sandbox: SandboxChild, companyId: string, keys: readonly string[]) {
  const readPage = upstreamPage(sandbox.url, companyId, keys)
  return async (): Promise<number[]> => (await readPage()).statuses
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
      'Hub CPU',
      'Sandbox CPU',
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

/** Bytes of the PayFit answers behind one page: collaborators, company, first contract page. */
export async function directPageBytes(
  sandbox: SandboxChild,
  companyId: string,
  key: string,
): Promise<number> {
  const base = `${sandbox.url}/companies/${companyId}`
  let total = 0
  for (const url of [
    `${base}/collaborators?maxResults=50`,
    base,
    `${base}/contracts-fr?maxResults=50`,
  ]) {
    const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } })
    total += (await response.arrayBuffer()).byteLength
  }
  return total
}
