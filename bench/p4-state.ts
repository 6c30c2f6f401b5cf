import { execFileSync, spawn } from 'node:child_process'
import path from 'node:path'

import {
  basicAuth,
  closedLoop,
  getText,
  runAutocannon,
  type AutocannonResult,
  type LoopResult,
} from './load.ts'
import { checkoutWithBuild } from './compiled.ts'
import {
  freePort,
  memoryOf,
  startHubChild,
  startSandboxChild,
  waitForHealth,
  type SandboxChild,
} from './processes.ts'
import { requireCompiledHub, type BenchContext, type ScenarioResult } from './scenario.ts'
import { seedAccounts } from './seed.ts'
import { deepPagePlan, type DeepPagePlan } from './sqlite-plan.ts'
import { formatCount, formatMb, formatMs, median } from './stats.ts'

const accountCount = 10_000
const startupTarget = 1000
const listTarget = 10

/** P4: 10,000 linked accounts in SQLite — `GET /accounts`, hub start-up, hub memory. */
export async function runStateScenario(context: BenchContext): Promise<ScenarioResult> {
  const { quick } = context.options
  const starts = quick ? 3 : 7
  const seconds = quick ? 3 : 10

  const sandbox = await startSandboxChild(['--employees', '20'])
  try {
    const dataDir = context.tempDir('p4')
    context.log(`P4: seeding ${formatCount(accountCount)} accounts`)
    const seedStart = performance.now()
    const seeded = await seedAccounts({
      dataDir,
      sandboxUrl: sandbox.url,
      keys: [companyKey(sandbox)],
      count: accountCount,
      onProgress: (done) => {
        context.log(`P4: ${formatCount(done)} accounts linked`)
      },
    })
    const seedMs = performance.now() - seedStart

    context.log(`P4: ${String(starts)} hub start-ups on the seeded data directory`)
    const onSeeded = { dataDir, sandboxUrl: sandbox.url }
    const fromSources = await startUps(starts, () => onSeeded)
    const empty = await startUps(starts, () => ({
      dataDir: context.tempDir('p4-empty'),
      sandboxUrl: sandbox.url,
    }))
    const compiledMain = await requireCompiledHub(context)
    const compiled = await startUps(starts, () => ({ ...onSeeded, compiledMain }))
    const checkout = context.tempDir('p4-checkout')
    const bin = checkoutWithBuild(checkout, path.resolve(path.dirname(compiledMain), '../..'))
    const withBuild = await startUps(starts, () => ({ ...onSeeded, bin }))
    // What `npm start` runs before the hub: the build check, on a build that is fresh.
    const buildChecks: number[] = []
    for (let run = 0; run < starts; run += 1) {
      const started = performance.now()
      execFileSync(process.execPath, [path.join(checkout, 'scripts/build.js'), '--if-stale'])
      buildChecks.push(performance.now() - started)
    }
    const bareStartups: number[] = []
    for (let run = 0; run < starts; run += 1) bareStartups.push(await bareNodeStartup())

    const hub = await startHubChild({ ...onSeeded, compiledMain })
    const headers = { authorization: basicAuth(seeded.apiKey) }
    const lists: [string, string, number, AutocannonResult][] = []
    const precise: [string, LoopResult][] = []
    let loaded = { rss: Number.NaN, peak: Number.NaN }
    try {
      for (const [label, route] of [
        ['first page (25)', '/accounts'],
        ['last page (page=400)', '/accounts?page=400'],
        ['page_size=100', '/accounts?page_size=100'],
      ] as const) {
        for (const connections of [1, 10]) {
          context.log(
            `P4: GET ${route}, ${String(connections)} connection(s), ${String(seconds)} s`,
          )
          const result = await runAutocannon({
            url: hub.url + route,
            connections,
            duration: seconds,
            headers,
          })
          lists.push([label, route, connections, result])
        }
      }
      for (const [label, route] of [
        ['first page (25)', '/accounts'],
        ['last page (page=400)', '/accounts?page=400'],
      ] as const) {
        context.log(`P4: GET ${route}, one request at a time, precise timing`)
        const loop = await closedLoop({
          connections: 1,
          durationMs: seconds * 1000,
          maxIterations: quick ? 500 : 3000,
          iteration: async () => [(await getText(hub.url + route, headers)).status],
        })
        precise.push([label, loop])
      }
      loaded = memoryOf(hub.pid)
    } finally {
      await hub.stop().catch(() => undefined)
    }

    const plan = deepPagePlan(dataDir, context.tempDir('p4-sql'))
    const deepP50 = precise.find(([label]) => label.startsWith('last'))?.[1].p50Ms ?? Number.NaN
    const nonOk =
      lists.reduce((sum, [, , , result]) => sum + result.non2xx + result.errors, 0) +
      precise.reduce((sum, [, loop]) => sum + loop.failures, 0)
    const compiledStartupMs = median(compiled.times)

    return {
      id: 'P4',
      title: 'State: 10,000 linked accounts in SQLite',
      setup: [
        `${formatCount(accountCount)} accounts seeded in ${formatMs(seedMs)} by an in-process hub calling its account service's \`link()\` directly (same checks, vault sealing and SQL as \`POST /hub/accounts\`), with one real verification of the PayFit key against the sandbox reused for every account; owners \`owner-0\` … \`owner-9999\`, one project.`,
        'The hub then runs as a child process (`passerelle start`, log level info to a file), so its start-up and memory are its own; autocannon runs in the bench process.',
        "It starts three ways on the same data directory: compiled to JavaScript as `npm start` runs it (scripts/build.js, then Node with the start script's flags and environment); through `bin/passerelle.js` in a checkout whose `dist/` is this run's build, which the bin checks against the sources and runs (what `npx passerelle start` does after `npm start` or `npm run build`); and through `bin/passerelle.js` from the TypeScript sources (what it does in a fresh clone or after a source changed; the bench sets `PASSERELLE_FROM_SOURCES=1`, so a `dist/` in this checkout changes nothing). The `GET /accounts` runs use the compiled hub.",
        'Start-up is measured from `spawn()` to the first 200 from `/health` (polled every 5 ms).',
      ],
      commands: [
        '`node <npm start flags> dist/src/cli/entry.js start --port <free> --host 127.0.0.1 --data-dir <tmp> --payfit-api-url <sandbox> --payfit-oauth-url <sandbox> --log-level info`',
        '`node <checkout>/bin/passerelle.js start …` (build fresh) and `PASSERELLE_FROM_SOURCES=1 node bin/passerelle.js start …` (sources), with the same options',
        ...precise.map(
          ([label]) =>
            `\`fetch\` loop, one request at a time: ${label}, up to ${quick ? '500' : '3,000'} requests or ${String(seconds)} s`,
        ),
        ...lists.map(
          ([, route, connections]) =>
            `autocannon \`GET ${route}\` (Basic auth), ${String(connections)} connection(s), ${String(seconds)} s`,
        ),
      ],
      tables: [
        {
          caption: 'Hub start-up (median of ' + String(starts) + ' runs)',
          columns: ['Data directory', 'Median', 'Min', 'Max'],
          rows: [
            startupRow(
              '10,000 accounts, compiled: the process `npm start` runs after its check',
              compiled.times,
            ),
            startupRow('10,000 accounts, `bin/passerelle.js start`, build fresh', withBuild.times),
            startupRow(
              '10,000 accounts, `bin/passerelle.js start`, from the sources',
              fromSources.times,
            ),
            startupRow(
              'empty, from the sources (the first start creates the database)',
              empty.times,
            ),
            startupRow(
              '`scripts/build.js --if-stale` on a fresh build (run by `npm start` first)',
              buildChecks,
            ),
            startupRow('bare `node` HTTP server, for scale', bareStartups),
          ],
        },
        {
          caption: '`GET /accounts` on 10,000 accounts',
          columns: ['Request', 'Connections', 'p50', 'p99', 'Requests/s', 'Non-2xx'],
          rows: lists.map(([label, , connections, result]) => [
            label,
            String(connections),
            formatMs(result.latency.p50),
            formatMs(result.latency.p99),
            formatCount(result.requests.average),
            String(result.non2xx + result.errors),
          ]),
        },
        {
          caption:
            '`GET /accounts`, one request at a time with `fetch` and `performance.now()` (autocannon rounds latencies to whole milliseconds)',
          columns: ['Request', 'Requests', 'p50', 'p99', 'Non-2xx'],
          rows: precise.map(([label, loop]) => [
            label,
            formatCount(loop.iterations),
            formatMs(loop.p50Ms),
            formatMs(loop.p99Ms),
            String(loop.failures),
          ]),
        },
        {
          caption: 'Hub memory',
          columns: ['When', 'RSS'],
          rows: [
            ['idle after start, compiled (median)', formatMb(median(compiled.idleRss))],
            [
              'idle after start, sources through tsx (median)',
              formatMb(median(fromSources.idleRss)),
            ],
            ['after the `GET /accounts` runs', formatMb(loaded.rss)],
            ['peak over the process life (VmHWM)', formatMb(loaded.peak)],
          ],
        },
      ],
      targets: [
        ...precise.map(([label, loop]) => ({
          name: `\`GET /accounts\` p50, ${label}`,
          target: `< ${String(listTarget)} ms, no errors`,
          measured: `${formatMs(loop.p50Ms)}${nonOk === 0 ? '' : `, ${String(nonOk)} errors`}`,
          met: loop.p50Ms < listTarget && nonOk === 0,
        })),
        {
          name: 'hub start-up (10,000 accounts), compiled as `npm start` runs it',
          target: `< ${String(startupTarget)} ms`,
          measured: formatMs(compiledStartupMs),
          met: compiledStartupMs < startupTarget,
        },
        {
          name: 'hub start-up (10,000 accounts), `passerelle start` with a fresh build',
          target: `< ${String(startupTarget)} ms`,
          measured: formatMs(median(withBuild.times)),
          met: median(withBuild.times) < startupTarget,
        },
        {
          name: 'hub start-up (10,000 accounts), `passerelle start` from the sources (development)',
          target: `< ${String(startupTarget)} ms`,
          measured: formatMs(median(fromSources.times)),
          met: median(fromSources.times) < startupTarget,
        },
      ],
      analysis: stateAnalysis({
        sourcesStartupMs: median(fromSources.times),
        compiledStartupMs,
        binStartupMs: median(withBuild.times),
        buildCheckMs: median(buildChecks),
        emptyStartupMs: median(empty.times),
        bareStartupMs: median(bareStartups),
        sourcesRss: median(fromSources.idleRss),
        compiledRss: median(compiled.idleRss),
        deepP50,
        plan,
      }),
    }
  } finally {
    await sandbox.stop()
  }
}

/** `starts` hub start-ups, each with `options()`: their times and the idle RSS after each. */
async function startUps(starts: number, options: () => Parameters<typeof startHubChild>[0]) {
  const times: number[] = []
  const idleRss: number[] = []
  for (let run = 0; run < starts; run += 1) {
    const hub = await startHubChild(options())
    times.push(hub.startupMs)
    idleRss.push(memoryOf(hub.pid).rss)
    await hub.stop()
  }
  return { times, idleRss }
}

function startupRow(label: string, values: number[]): string[] {
  return [
    label,
    formatMs(median(values)),
    formatMs(Math.min(...values)),
    formatMs(Math.max(...values)),
  ]
}

function companyKey(sandbox: SandboxChild): string {
  const company = sandbox.companies[0]
  if (company === undefined) throw new Error('the sandbox has no company')
  return company.keys.full
}

/** A plain Node HTTP server's time from spawn to first answer: the floor any Node hub pays. */
async function bareNodeStartup(): Promise<number> {
  const port = await freePort()
  const script = `require('node:http').createServer((q, s) => s.end('ok')).listen(${String(port)}, '127.0.0.1')`
  const started = performance.now()
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' })
  try {
    await waitForHealth(`http://127.0.0.1:${String(port)}/`)
    return performance.now() - started
  } finally {
    child.kill('SIGTERM')
  }
}

function stateAnalysis(input: {
  sourcesStartupMs: number
  compiledStartupMs: number
  binStartupMs: number
  buildCheckMs: number
  emptyStartupMs: number
  bareStartupMs: number
  sourcesRss: number
  compiledRss: number
  deepP50: number
  plan: DeepPagePlan
}): string[] {
  const paragraphs = [
    `**Start-up.** A deployment runs the compiled build: \`npm start\` builds it into dist/ when a source changed and runs it, ${formatMs(input.compiledStartupMs)} to a first \`/health\` with 10,000 accounts; \`npx passerelle start\` runs the same build while it matches the sources, ${formatMs(input.binStartupMs)} (the check of the build against the sources included; the bin runs without the start script's heap flags, docs/decisions.md). Before it starts the hub, \`npm start\` checks the build (${formatMs(input.buildCheckMs)} when it is fresh) after npm's own start-up, which a service manager or container saves by running the compiled command line above directly. A bare Node HTTP server takes ${formatMs(input.bareStartupMs)} on this machine. Most of the rest is loading and running the packages (fastify, kysely, zod, pino), which the build bundles into a few files.`,
    `**From the sources (missed).** In a fresh clone, or after a source changed, \`npx passerelle start\` runs the TypeScript sources through tsx so that no build step is needed: ${formatMs(input.sourcesStartupMs)}, over the target. Every module then goes through tsx's loader, package modules included (kysely alone is some 260 files), which is what the build's bundling saves; tsx also holds ${formatMb(input.sourcesRss)} idle against ${formatMb(input.compiledRss)} compiled. ${Math.abs(input.sourcesStartupMs - input.emptyStartupMs) <= 0.1 * input.emptyStartupMs ? 'The 10,000 accounts cost nothing at start (an empty data directory starts within 10 % of them): nothing is loaded eagerly.' : `An empty data directory starts in ${formatMs(input.emptyStartupMs)}.`} This path is for development; \`npm start\`, or \`npm run build\` once before \`npx passerelle start\`, gives the figures above.`,
    `**Deep pages.** \`GET /accounts\` pages with OFFSET, as StackOne's \`page\`/\`page_size\` ask, so the last of 400 pages makes SQLite step over 9,975 rows (p50 ${formatMs(input.deepP50)} over HTTP). The accounts are indexed in the order the pages are (\`(project_id, created_at, id)\`, migration 0004), so the plan is "${input.plan.plan}", with no sort of the project's accounts for every page: the query alone takes ${formatMs(input.plan.ms)} (on a copy of this run's database). The rest of the time is the HTTP request and the 25 accounts' answer, as on the first page.`,
  ]
  return paragraphs
}
