import { basicAuth } from './load.ts'
import { memoryOf, startHubChild, startSandboxChild } from './processes.ts'
import { callsByRoute, companyCounts, readStats } from './sandbox-admin.ts'
import { fullReadAnalysis } from './p2-analysis.ts'
import type { BenchContext, ScenarioResult } from './scenario.ts'
import { seedAccounts } from './seed.ts'
import { formatCount, formatMb, formatMs, formatRatio, fullReadFloor, ratio } from './stats.ts'

const latencyMs = 50
const floorTarget = 1.1
const rssTarget = 150 * 1024 * 1024
/** Peak RSS at the largest company over peak RSS at the smallest, to call the curve flat. */
const flatTarget = 1.2

export interface Walk {
  /** How the hub ran: from the sources through tsx (as shipped) or compiled to JavaScript. */
  runtime: string
  employees: number
  collaborators: number
  contracts: number
  returned: number
  employments: number
  pages: number
  statuses: Record<string, number>
  wallMs: number
  finished: boolean
  idleRss: number
  /** Highest VmRSS sampled during the walk. */
  peakRss: number
  /** VmHWM at the end: the process's peak since it started, start-up included. */
  highWater: number
  calls: Record<string, number>
}

/** P2: every employee of a company through the unified API, the sandbox at 50 ms a call. */
export async function runFullReadScenario(context: BenchContext): Promise<ScenarioResult> {
  const { quick, large } = context.options
  const timed = quick ? 2_000 : 10_000
  const sizes = [quick ? 500 : 1_000, timed, ...(large ? [100_000] : [])]
  const walks: Walk[] = []
  const compiled: Walk[] = []
  for (const employees of sizes) {
    context.log(`P2: full read of ${formatCount(employees)} employees`)
    walks.push(await fullRead(context, employees))
    const walk = walks.at(-1)
    if (walk !== undefined) {
      context.log(
        `P2: ${formatCount(walk.returned)} employees in ${formatMs(walk.wallMs)}, peak RSS ${formatMb(walk.peakRss)}`,
      )
    }
  }

  const compiledMain = await context.compiledHub()
  if (compiledMain !== undefined) {
    context.log(`P2: full read of ${formatCount(timed)} employees, hub compiled to JavaScript`)
    compiled.push(await fullRead(context, timed, compiledMain))
  }

  const main = walks.find((walk) => walk.employees === timed)
  if (main === undefined) throw new Error('the timed walk is missing')
  // The hub lists contracts through the route it chose (/contracts-fr for a French company);
  // its page count, as the sandbox saw it, sets the contract walk's length.
  const contractPages = contractPagesOf(main)
  const floor = fullReadFloor(main.collaborators, contractPages * 50, latencyMs)
  const briefRatio = ratio(main.wallMs, floor.pagesOnlyMs)
  const joinRatio = ratio(main.wallMs, floor.withContractsMs)
  const peaks = walks.map((walk) => walk.peakRss)
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
      'Hub child process (`passerelle start`, log level info to a file) with one linked account; its RSS is read from `/proc/<pid>/status` every 20 ms during the walk (VmRSS, and VmHWM at the end).',
      'The client walks `GET /unified/hris/employees?page_size=50`, following `next` until it is null, one request after the other, and counts employees and their `employments`.',
      `Floors for ${formatCount(main.collaborators)} collaborators and ${formatCount(main.contracts)} contracts at ${String(latencyMs)} ms a call: the brief's ceil(N/50) collaborator pages one after the other = ${formatMs(floor.pagesOnlyMs)}; since the join also needs every contract page (${String(floor.contractPages)} pages of \`/contracts-fr\`, as the sandbox counted them), the true floor is both walks running side by side = max(${String(floor.collaboratorPages)}, ${String(floor.contractPages)}) × ${String(latencyMs)} ms = ${formatMs(floor.withContractsMs)}.`,
    ],
    commands: [
      ...sizes.map(
        (employees) =>
          `\`passerelle sandbox --json --port 0 --employees ${String(employees)} --latency-ms ${String(latencyMs)}\``,
      ),
      '`passerelle start --port <free> --host 127.0.0.1 --data-dir <tmp> --payfit-api-url <sandbox> --payfit-oauth-url <sandbox> --log-level info`',
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
          'Unified pages',
          'Sandbox calls',
          'Wall time',
          'Hub RSS idle',
          'Hub peak RSS in the walk',
          'Hub VmHWM',
          'Statuses',
        ],
        rows: [...walks, ...compiled].map((walk) => [
          walk.runtime,
          formatCount(walk.collaborators),
          formatCount(walk.contracts),
          `${formatCount(walk.returned)}${walk.finished ? '' : ' (stopped at the deadline)'}`,
          formatCount(walk.employments),
          formatCount(walk.pages),
          Object.entries(walk.calls)
            .map(([route, count]) => `${route} ${formatCount(count)}`)
            .join(', '),
          formatMs(walk.wallMs),
          formatMb(walk.idleRss),
          formatMb(walk.peakRss),
          formatMb(walk.highWater),
          Object.entries(walk.statuses)
            .map(([status, count]) => `${status}: ${formatCount(count)}`)
            .join(', '),
        ]),
      },
    ],
    targets: [
      {
        name: `wall time / ceil(N/50) × ${String(latencyMs)} ms (N = ${formatCount(timed)})`,
        target: '≤ 1.10×',
        measured: `${formatRatio(briefRatio)} (${formatMs(main.wallMs)} vs ${formatMs(floor.pagesOnlyMs)})`,
        met: briefRatio <= floorTarget && complete,
      },
      {
        name: 'wall time / floor with the contract walk alongside',
        target: '≤ 1.10×',
        measured: `${formatRatio(joinRatio)} (vs ${formatMs(floor.withContractsMs)})`,
        met: joinRatio <= floorTarget && complete,
      },
      {
        name: 'hub peak RSS',
        target: '≤ 150 MB',
        measured: formatMb(Math.max(...peaks)),
        met: Math.max(...peaks) <= rssTarget,
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
    analysis: fullReadAnalysis({ main, walks, compiled, floor, latencyMs }),
  }
}

function contractPagesOf(walk: Walk): number {
  return walk.calls['contractsFr.list'] ?? walk.calls['contracts.list'] ?? 0
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
    const dataDir = context.tempDir('p2')
    const seeded = await seedAccounts({
      dataDir,
      sandboxUrl: sandbox.url,
      keys: [company.keys.full],
      count: 1,
    })
    const floor = fullReadFloor(counts.collaborators, counts.contracts, latencyMs)
    // Bounded: four times the floor plus a minute, whatever the hub does.
    const deadline = performance.now() + floor.withContractsMs * 4 + 60_000
    const hub = await startHubChild({ dataDir, sandboxUrl: sandbox.url, compiledMain })
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
          pages += 1
          if (response.status !== 200) {
            await response.arrayBuffer()
            if (response.status >= 500 || pages > 10 * (employees / 50 + 10)) break
            continue
          }
          const body = (await response.json()) as {
            data: { employments?: unknown[] | null }[]
            next: string | null
          }
          returned += body.data.length
          for (const employee of body.data) employments += employee.employments?.length ?? 0
          next = body.next
          if (next === null) {
            finished = true
            break
          }
          if (pages % 50 === 0) context.log(`P2: ${formatCount(returned)} employees read`)
        }
      } finally {
        clearInterval(sampler)
      }
      const wallMs = performance.now() - started
      const memory = memoryOf(hub.pid)
      const calls = callsByRoute((await readStats(sandbox)).global)
      return {
        runtime: compiledMain === undefined ? 'tsx (as shipped)' : 'compiled JS',
        employees,
        collaborators: counts.collaborators,
        contracts: counts.contracts,
        returned,
        employments,
        pages,
        statuses,
        wallMs,
        finished,
        idleRss,
        peakRss: Math.max(peakRss, memory.rss),
        highWater: memory.peak,
        calls,
      }
    } finally {
      await hub.stop()
    }
  } finally {
    await sandbox.stop()
  }
}
