import fs from 'node:fs'
import path from 'node:path'

import { basicAuth } from './load.ts'
import { contractPagesOf, fullReadAnalysis } from './p2-analysis.ts'
import { memoryOf, startHubChild, startSandboxChild, type SandboxChild } from './processes.ts'
import { callsByRoute, companyCounts, readStats, resetStats } from './sandbox-admin.ts'
import { requireCompiledHub, type BenchContext, type ScenarioResult } from './scenario.ts'
import { seedAccounts } from './seed.ts'
import { formatCount, formatMb, formatMs, formatRatio, fullReadFloor, ratio } from './stats.ts'

const latencyMs = 50
/** Walks of the timed company, each with its own sandbox, direct walk and hub. */
const timedRepeats = 3
const floorTarget = 1.1
const rssTarget = 150 * 1024 * 1024
/** Peak RSS at the largest company over peak RSS at the smallest, to call the curve flat. */
const flatTarget = 1.2

export interface Walk {
  /** How the hub ran: compiled as `npm start` runs it, or from the sources through tsx. */
  runtime: string
  employees: number
  collaborators: number
  contracts: number
  returned: number
  employments: number
  /** Unified pages answered 200. */
  pages: number
  /** 408 answers while the contract walk ran on in the background (retried as told). */
  stillLoading: number
  statuses: Record<string, number>
  /** The same ceil(N/50) collaborator pages walked straight from the sandbox, one after another. */
  directMs: number
  firstPageMs: number
  wallMs: number
  finished: boolean
  idleRss: number
  /** Highest VmRSS sampled during the walk. */
  peakRss: number
  /** VmHWM at the end: the process's peak since it started, start-up included. */
  highWater: number
  /** V8's heap (`--trace-gc`): the most left live after a full collection, and committed. */
  heap: HeapTrace
  calls: Record<string, number>
}

/** P2: every employee of a company through the unified API, the sandbox at 50 ms a call. */
export async function runFullReadScenario(context: BenchContext): Promise<ScenarioResult> {
  const { quick } = context.options
  const timed = quick ? 2_000 : 10_000
  const sizes = quick ? [500, timed] : [1_000, timed, 100_000]
  const compiledMain = await requireCompiledHub(context)

  const walks: Walk[] = []
  /** The timed size is walked several times: its ratio to the direct walk is the median's. */
  const timedWalks: Walk[] = []
  for (const employees of sizes) {
    const repeats = employees === timed ? timedRepeats : 1
    const done: Walk[] = []
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      context.log(`P2: full read of ${formatCount(employees)} employees`)
      const walk = await fullRead(context, employees, compiledMain)
      context.log(
        `P2: ${formatCount(walk.returned)} employees in ${formatMs(walk.wallMs)} (direct walk ${formatMs(walk.directMs)}), peak RSS ${formatMb(walk.peakRss)}`,
      )
      done.push(walk)
    }
    const byRatio = [...done].sort(
      (a, b) => ratio(a.wallMs, a.directMs) - ratio(b.wallMs, b.directMs),
    )
    const median = byRatio[Math.floor(byRatio.length / 2)]
    if (median !== undefined) walks.push(median)
    if (employees === timed) timedWalks.push(...done)
  }
  context.log(`P2: full read of ${formatCount(timed)} employees, hub run through tsx`)
  const throughTsx = await fullRead(context, timed)

  const main = walks.find((walk) => walk.employees === timed)
  if (main === undefined) throw new Error('the timed walk is missing')
  const floor = fullReadFloor(main.collaborators, contractPagesOf(main) * 50, latencyMs)
  const directRatio = ratio(main.wallMs, main.directMs)
  const peaks = walks.map((walk) => walk.peakRss)
  const highest = Math.max(...peaks, ...timedWalks.map((walk) => walk.peakRss))
  const growth = ratio(peaks.at(-1) ?? Number.NaN, peaks[0] ?? Number.NaN)
  const complete = walks.every((walk) => walk.finished && walk.returned === walk.collaborators)
  const serverErrors = walks.reduce(
    (sum, walk) =>
      sum +
      Object.entries(walk.statuses)
        .filter(([status]) => status.startsWith('5'))
        .reduce((total, [, count]) => total + count, 0),
    0,
  )

  return {
    id: 'P2',
    title: 'Full read of a company',
    setup: [
      `Sandbox child process per size: one French company, \`--latency-ms ${String(latencyMs)}\` on every call, default rate limit (50 reads/s per key).`,
      `The floor, measured side by side: before the hub starts, the bench walks the company's ceil(N/50) collaborator pages straight from that sandbox, one after the other (\`GET /companies/{id}/collaborators?maxResults=50\`, following \`nextPageToken\`). Each call costs the ${String(latencyMs)} ms of latency plus the sandbox's own work and the HTTP round trip, which the hub's calls pay too.`,
      `The company of ${formatCount(timed)} employees, whose time is the target, is walked ${String(timedRepeats)} times, each time with its own sandbox, direct walk and hub; the median ratio counts.`,
      'Hub child process compiled to JavaScript and started as `npm start` starts it (log level info to a file), one linked account; its RSS is read from `/proc/<pid>/status` every 20 ms during the walk (VmRSS, and VmHWM at the end). One more walk runs the hub from the sources through tsx (`passerelle start` in a fresh clone), for comparison.',
      "The client walks `GET /unified/hris/employees?page_size=50`, following `next` until it is null, one request after the other, and counts employees and their `employments`. A 408 (the company's contract walk outlasted the request and goes on in the background) is retried after its `Retry-After`, as StackOne's SDK does.",
    ],
    commands: [
      ...sizes.map(
        (employees) =>
          `\`passerelle sandbox --json --port 0 --employees ${String(employees)} --latency-ms ${String(latencyMs)}\``,
      ),
      '`node dist/src/cli/entry.js start --port <free> --host 127.0.0.1 --data-dir <tmp> --payfit-api-url <sandbox> --payfit-oauth-url <sandbox> --log-level info` (and once `passerelle start …` from the sources)',
      '`GET /unified/hris/employees?page_size=50` then `…&next=<cursor>` until `next` is null',
    ],
    tables: [
      {
        caption: 'Walks',
        columns: [
          'Hub',
          'Employees',
          'Contracts',
          'Returned',
          'Employments',
          'Sandbox calls',
          'Direct walk',
          'First page',
          'Wall time',
          'Wall / direct',
          'Hub RSS idle',
          'Peak RSS in the walk',
          'VmHWM',
          'Live heap after a full GC, max',
          'V8 heap committed, max',
          'Statuses',
        ],
        rows: [...walks, throughTsx].map((walk) => [
          walk.runtime,
          formatCount(walk.collaborators),
          formatCount(walk.contracts),
          `${formatCount(walk.returned)}${walk.finished ? '' : ' (stopped at the deadline)'}`,
          formatCount(walk.employments),
          Object.entries(walk.calls)
            .map(([route, count]) => `${route} ${formatCount(count)}`)
            .join(', '),
          formatMs(walk.directMs),
          formatMs(walk.firstPageMs),
          formatMs(walk.wallMs),
          formatRatio(ratio(walk.wallMs, walk.directMs)),
          formatMb(walk.idleRss),
          formatMb(walk.peakRss),
          formatMb(walk.highWater),
          formatMb(walk.heap.liveMax),
          formatMb(walk.heap.committedMax),
          Object.entries(walk.statuses)
            .map(([status, count]) => `${status}: ${formatCount(count)}`)
            .join(', '),
        ]),
      },
      {
        caption: `The ${String(timedRepeats)} walks of ${formatCount(timed)} employees, each with its own sandbox, direct walk and hub (the table above shows the median one)`,
        columns: [
          'Direct walk',
          'First page',
          'Wall time',
          'Wall / direct',
          'Peak RSS in the walk',
        ],
        rows: timedWalks.map((walk) => [
          formatMs(walk.directMs),
          formatMs(walk.firstPageMs),
          formatMs(walk.wallMs),
          formatRatio(ratio(walk.wallMs, walk.directMs)),
          formatMb(walk.peakRss),
        ]),
      },
    ],
    targets: [
      {
        name: `wall time / ceil(N/50) sequential collaborator pages walked directly (N = ${formatCount(timed)}, median of ${String(timedRepeats)})`,
        target: '≤ 1.10×',
        measured: `${formatRatio(directRatio)} (${formatMs(main.wallMs)} vs ${formatMs(main.directMs)})`,
        met: directRatio <= floorTarget && complete,
      },
      {
        name: 'hub peak RSS (compiled, every N)',
        target: '≤ 150 MB',
        measured: formatMb(highest),
        met: highest <= rssTarget,
      },
      {
        name: `peak RSS flat in N (largest / smallest, N = ${sizes.map((size) => formatCount(size)).join(' → ')})`,
        target: `≤ ${flatTarget.toFixed(2)}×`,
        measured: formatRatio(growth),
        met: growth <= flatTarget,
      },
      {
        name: 'every employee returned, no 5xx',
        target: 'all, 0',
        measured: `${complete ? 'all' : 'incomplete'}, ${String(serverErrors)}`,
        met: complete && serverErrors === 0,
      },
    ],
    analysis: fullReadAnalysis({
      main,
      walks,
      throughTsx,
      floor,
      latencyMs,
      targetRatio: floorTarget,
      timedWalks,
    }),
  }
}

async function fullRead(
  context: BenchContext,
  employees: number,
  compiledMain?: string,
): Promise<Walk> {
  const sandbox = await startSandboxChild([
    '--employees',
    String(employees),
    '--latency-ms',
    String(latencyMs),
  ])
  try {
    const company = sandbox.companies[0]
    if (company === undefined) throw new Error('the sandbox has no company')
    const counts = await companyCounts(sandbox, company.id)
    const directMs = await walkCollaboratorsDirectly(sandbox, company.id, company.keys.full)
    const dataDir = context.tempDir('p2')
    const seeded = await seedAccounts({
      dataDir,
      sandboxUrl: sandbox.url,
      keys: [company.keys.full],
      count: 1,
    })
    await resetStats(sandbox)
    const floor = fullReadFloor(counts.collaborators, counts.contracts, latencyMs)
    // Bounded: three times both walks end to end plus a minute, whatever the hub does.
    const deadline =
      performance.now() + (floor.collaboratorPages + floor.contractPages) * latencyMs * 3 + 60_000
    const hub = await startHubChild({
      dataDir,
      sandboxUrl: sandbox.url,
      compiledMain,
      nodeFlags: ['--trace-gc'],
    })
    try {
      const idleRss = memoryOf(hub.pid).rss
      let peakRss = idleRss
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, memoryOf(hub.pid).rss)
      }, 20)
      const headers = {
        authorization: basicAuth(seeded.apiKey),
        'x-account-id': seeded.accountIds[0] ?? '',
      }
      const statuses: Record<string, number> = {}
      let returned = 0
      let employments = 0
      let pages = 0
      let stillLoading = 0
      let firstPageMs = Number.NaN
      let next: string | null = null
      let finished = false
      const started = performance.now()
      try {
        while (performance.now() < deadline) {
          const query = next === null ? '' : `&next=${encodeURIComponent(next)}`
          // A page that never comes back must not outlive the deadline either.
          const signal = AbortSignal.timeout(Math.max(1, Math.ceil(deadline - performance.now())))
          const response = await fetch(`${hub.url}/unified/hris/employees?page_size=50${query}`, {
            headers,
            signal,
          }).catch((error: unknown) => {
            if (error instanceof Error && error.name === 'TimeoutError') return undefined
            throw error
          })
          if (response === undefined) break
          statuses[response.status] = (statuses[response.status] ?? 0) + 1
          if (response.status === 408) {
            await response.arrayBuffer()
            stillLoading += 1
            const waitS = Number(response.headers.get('retry-after') ?? '1')
            await new Promise((resolve) => setTimeout(resolve, waitS * 1000))
            continue
          }
          if (response.status !== 200) {
            await response.arrayBuffer()
            break
          }
          const body = (await response.json()) as {
            data: { employments?: unknown[] | null }[]
            next: string | null
          }
          pages += 1
          if (pages === 1) firstPageMs = performance.now() - started
          returned += body.data.length
          for (const employee of body.data) employments += employee.employments?.length ?? 0
          next = body.next
          if (next === null) {
            finished = true
            break
          }
          if (pages % 200 === 0) context.log(`P2: ${formatCount(returned)} employees read`)
        }
      } finally {
        clearInterval(sampler)
      }
      const wallMs = performance.now() - started
      const memory = memoryOf(hub.pid)
      const calls = callsByRoute((await readStats(sandbox)).global)
      return {
        runtime: compiledMain === undefined ? 'tsx' : 'compiled (npm start)',
        employees,
        collaborators: counts.collaborators,
        contracts: counts.contracts,
        returned,
        employments,
        pages,
        stillLoading,
        statuses,
        directMs,
        firstPageMs,
        wallMs,
        finished,
        idleRss,
        peakRss: Math.max(peakRss, memory.rss),
        highWater: memory.peak,
        heap: heapTraceOf(fs.readFileSync(path.join(dataDir, 'hub.log'), 'utf8')),
        calls,
      }
    } finally {
      await hub.stop()
    }
  } finally {
    await sandbox.stop()
  }
}

/** The floor measured: every collaborator page, one after the other, as a plain client reads them. */
async function walkCollaboratorsDirectly(
  sandbox: SandboxChild,
  companyId: string,
  key: string,
): Promise<number> {
  const started = performance.now()
  let token: string | null = null
  do {
    const query: string = token === null ? '' : `&nextPageToken=${encodeURIComponent(token)}`
    const response = await fetch(
      `${sandbox.url}/companies/${companyId}/collaborators?maxResults=50${query}`,
      { headers: { authorization: `Bearer ${key}` } },
    )
    if (response.status !== 200) {
      throw new Error(`the direct walk got ${String(response.status)} from the sandbox`)
    }
    const body = (await response.json()) as { meta: { nextPageToken?: string | null } }
    token = body.meta.nextPageToken ?? null
  } while (token !== null)
  return performance.now() - started
}

export interface HeapTrace {
  liveMax: number
  committedMax: number
}

/**
 * From `--trace-gc` lines such as `Mark-Compact 66.6 (102.4) -> 37.4 (91.5) MB`: what a full
 * collection left (the live heap) and what V8 held from the system, in bytes.
 */
export function heapTraceOf(log: string): HeapTrace {
  const megabytes = 1024 * 1024
  let liveMax = 0
  let committedMax = 0
  for (const match of log.matchAll(
    /Mark-Compact ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/g,
  )) {
    liveMax = Math.max(liveMax, Number(match[3]) * megabytes)
    committedMax = Math.max(
      committedMax,
      Number(match[2]) * megabytes,
      Number(match[4]) * megabytes,
    )
  }
  return { liveMax, committedMax }
}
