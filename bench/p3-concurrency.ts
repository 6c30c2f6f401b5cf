import { basicAuth, runAutocannon, type AutocannonResult } from './load.ts'
import { cpuTimeMs, startHubChild, startSandboxChild, type HubChild } from './processes.ts'
import { mintKeys, readStats, resetStats, type SandboxStats } from './sandbox-admin.ts'
import { requireCompiledHub, type BenchContext, type ScenarioResult } from './scenario.ts'
import { seedAccounts } from './seed.ts'
import { formatCount, formatMs } from './stats.ts'

const employees = 1_000
const accounts = 50
const connections = 100
/** The sandbox's default: 50 reads a second per key. */
const readLimit = 50
const pagePath = '/unified/hris/employees?page_size=50'
/** Enough uncached requests at once to queue more than the hub's 2 s of one key's budget. */
const overBudgetClients = 150

interface WalkState {
  accountId: string
  next: string | null
}

interface OverBudget {
  firstMs: number | null
  retryAfter: string | null
  statuses: Record<string, number>
}

/** P3: 100 concurrent clients walking the employees of 50 accounts, sandbox at its default limit. */
export async function runConcurrencyScenario(context: BenchContext): Promise<ScenarioResult> {
  const seconds = context.options.quick ? 5 : 20
  const sandbox = await startSandboxChild(['--employees', String(employees)])
  let hub: HubChild | undefined
  try {
    const company = sandbox.companies[0]
    if (company === undefined) throw new Error('the sandbox has no company')
    context.log(`P3: minting ${String(accounts + 1)} keys and linking one account each`)
    const keys = await mintKeys(sandbox, company.id, accounts + 1)
    const dataDir = context.tempDir('p3')
    const seeded = await seedAccounts({
      dataDir,
      sandboxUrl: sandbox.url,
      keys,
      count: accounts + 1,
    })
    const loadAccounts = seeded.accountIds.slice(0, accounts)
    const spareAccount = seeded.accountIds[accounts] ?? ''
    hub = await startHubChild({
      dataDir,
      sandboxUrl: sandbox.url,
      compiledMain: await requireCompiledHub(context),
    })
    const auth = basicAuth(seeded.apiKey)

    await resetStats(sandbox)
    context.log(
      `P3: ${String(connections)} clients walking ${String(accounts)} accounts for ${String(seconds)} s`,
    )
    const walked = { pages: 0, employees: 0, completeWalks: 0, retryAfterMissing: 0 }
    const pool: WalkState[] = Array.from({ length: connections }, (_, index) => ({
      accountId: loadAccounts[index % loadAccounts.length] ?? '',
      next: null,
    }))
    const cpuBefore = cpuTimeMs(hub.pid)
    const sandboxCpuBefore = cpuTimeMs(sandbox.pid)
    const result: AutocannonResult = await runAutocannon({
      url: hub.url,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'GET',
          setupRequest(request, requestContext) {
            const state = pool.shift() ?? { accountId: loadAccounts[0] ?? '', next: null }
            requestContext.state = state
            const cursor = state.next === null ? '' : `&next=${encodeURIComponent(state.next)}`
            return {
              ...request,
              path: pagePath + cursor,
              headers: { authorization: auth, 'x-account-id': state.accountId },
            }
          },
          onResponse(status, body, requestContext, headers) {
            const state = requestContext.state as WalkState
            if (status === 200) {
              const page = JSON.parse(body) as { data: unknown[]; next: string | null }
              walked.pages += 1
              walked.employees += page.data.length
              state.next = page.next
              if (page.next === null) walked.completeWalks += 1
            } else if (status === 429 && headers['retry-after'] === undefined) {
              walked.retryAfterMissing += 1
            }
            pool.push(state)
          },
        },
      ],
    })
    const hubCpuMs = cpuTimeMs(hub.pid) - cpuBefore
    const sandboxCpuMs = cpuTimeMs(sandbox.pid) - sandboxCpuBefore
    const loadStats = await readStats(sandbox)

    context.log(
      `P3: one caller over budget (raw=true skips the cache, ${String(overBudgetClients)} at once)`,
    )
    await resetStats(sandbox)
    const overBudget = await untilThrottled(hub.url, auth, spareAccount)
    const burstStats = await readStats(sandbox)

    const keyPeaks = peaksOf(loadStats)
    const burstPeak = peaksOf(burstStats)
    const fiveXx = result['5xx'] + countFiveXx(overBudget.statuses)
    const statusText = Object.entries(result.statusCodeStats)
      .map(([status, { count }]) => `${status}: ${formatCount(count)}`)
      .join(', ')

    return {
      id: 'P3',
      title: '100 concurrent clients over 50 accounts',
      setup: [
        `Sandbox child process: one French company of ${formatCount(employees)} collaborators, the default rate limit (${String(readLimit)} reads/s per key), no added latency.`,
        `${String(accounts)} PayFit keys minted for that company through \`POST /_sandbox/keys\` (each has its own bucket), one linked account per key, seeded as in P4; a 51st account is kept for the over-budget test.`,
        `Hub child process compiled to JavaScript and started as \`npm start\` starts it (log level info to a file). autocannon, ${String(connections)} connections for ${String(seconds)} s: each request takes a walk (two per account) from a shared pool, asks for its next page (following \`next\`, starting again at the end) and hands the walk back, so the load mixes first pages, later pages and cache hits the way paging clients do.`,
        'Rates seen by the sandbox come from `/_sandbox/stats`: `peakPerSecond` is the most requests within any sliding second, per key and in total; `received` counts what arrived, `accepted` what its limiter let through.',
        `Over budget: ${String(overBudgetClients)} requests at once for one account with \`raw=true\` (which reads PayFit afresh and caches nothing, so each request needs every PayFit page), repeated until the hub answers 429 or 15 s pass; the time is from the first request to the first 429.`,
      ],
      commands: [
        `\`passerelle sandbox --json --port 0 --employees ${String(employees)}\``,
        '`node <npm start flags> dist/src/cli/entry.js start --port <free> --host 127.0.0.1 --data-dir <tmp> --payfit-api-url <sandbox> --payfit-oauth-url <sandbox> --log-level info`',
        `autocannon, ${String(connections)} connections, ${String(seconds)} s, \`GET ${pagePath}[&next=…]\` with Basic auth and \`x-account-id\``,
        `${String(overBudgetClients)} × \`GET ${pagePath}&raw=true\` at once, repeated, one account`,
      ],
      tables: [
        {
          caption: 'Load',
          columns: ['Measure', 'Value'],
          rows: [
            ['requests per second (mean)', formatCount(result.requests.average)],
            ['employees per second', formatCount(walked.employees / seconds)],
            [
              'latency p50 / p99',
              `${formatMs(result.latency.p50)} / ${formatMs(result.latency.p99)}`,
            ],
            ['statuses', statusText],
            [
              'hub CPU: cores used on average / per page',
              `${(hubCpuMs / (seconds * 1000)).toFixed(2)} / ${formatMs(hubCpuMs / Math.max(1, walked.pages))}`,
            ],
            ['sandbox CPU: cores used on average', (sandboxCpuMs / (seconds * 1000)).toFixed(2)],
            ['errors / timeouts', `${String(result.errors)} / ${String(result.timeouts)}`],
            ['complete walks of a company', formatCount(walked.completeWalks)],
            ['429 without Retry-After', String(walked.retryAfterMissing)],
            ['sandbox calls', formatCount(loadStats.global.requests)],
            ['sandbox statuses', statusesOf(loadStats)],
            [
              'highest per-key rate the sandbox received / accepted',
              `${String(keyPeaks.received)} / ${String(keyPeaks.accepted)} per s`,
            ],
            [
              'highest total rate the sandbox received',
              `${String(loadStats.global.peakPerSecond.received)} per s`,
            ],
          ],
        },
        {
          caption: 'One caller over budget',
          columns: ['Measure', 'Value'],
          rows: [
            [
              'first 429 after',
              overBudget.firstMs === null ? 'none within 15 s' : formatMs(overBudget.firstMs),
            ],
            ['its Retry-After', overBudget.retryAfter ?? 'missing'],
            [
              'statuses',
              Object.entries(overBudget.statuses)
                .map(([s, c]) => `${s}: ${String(c)}`)
                .join(', '),
            ],
            [
              'sandbox: highest rate received / accepted for that key',
              `${String(burstPeak.received)} / ${String(burstPeak.accepted)} per s`,
            ],
            ['sandbox statuses', statusesOf(burstStats)],
          ],
        },
      ],
      targets: [
        {
          name: '5xx answers',
          target: '0',
          measured: String(fiveXx),
          met: fiveXx === 0,
        },
        {
          name: 'highest per-key rate the sandbox received (load and over budget)',
          target: `≤ ${String(readLimit)} per s`,
          measured: `${String(Math.max(keyPeaks.received, burstPeak.received))} per s`,
          met: Math.max(keyPeaks.received, burstPeak.received) <= readLimit,
        },
        {
          name: 'over-budget caller gets 429 with Retry-After',
          target: 'yes',
          measured:
            overBudget.firstMs === null
              ? 'no 429'
              : `after ${formatMs(overBudget.firstMs)}, Retry-After ${overBudget.retryAfter ?? 'missing'}`,
          met:
            overBudget.firstMs !== null &&
            overBudget.retryAfter !== null &&
            walked.retryAfterMissing === 0,
        },
      ],
      analysis: concurrencyAnalysis({
        load: `The load itself stays far below PayFit's limits (at most ${String(keyPeaks.received)} calls per second for one key). Its latency (p50 ${formatMs(result.latency.p50)}, p99 ${formatMs(result.latency.p99)}) is 100 requests queueing for CPU: the hub used ${(hubCpuMs / (seconds * 1000)).toFixed(2)} of a core on average (${formatMs(hubCpuMs / Math.max(1, walked.pages))} per page, as in P1) and the sandbox ${(sandboxCpuMs / (seconds * 1000)).toFixed(2)}, on two cores shared with the load generator; the first page of each account also waits for that account's contract walk.`,
        keyPeak: Math.max(keyPeaks.received, burstPeak.received),
        sandbox429:
          (loadStats.global.byStatus['429'] ?? 0) + (burstStats.global.byStatus['429'] ?? 0),
        fiveXx,
        overBudget,
      }),
    }
  } finally {
    await hub?.stop()
    await sandbox.stop()
  }
}

async function untilThrottled(
  hubUrl: string,
  auth: string,
  accountId: string,
): Promise<OverBudget> {
  const statuses: Record<string, number> = {}
  const started = performance.now()
  const deadline = started + 15_000
  const throttled: { ms: number; retryAfter: string | null }[] = []
  const worker = async () => {
    while (throttled.length === 0 && performance.now() < deadline) {
      const response = await fetch(`${hubUrl}${pagePath}&raw=true`, {
        headers: { authorization: auth, 'x-account-id': accountId },
      })
      await response.arrayBuffer()
      statuses[response.status] = (statuses[response.status] ?? 0) + 1
      if (response.status === 429) {
        throttled.push({
          ms: performance.now() - started,
          retryAfter: response.headers.get('retry-after'),
        })
      }
    }
  }
  await Promise.all(Array.from({ length: overBudgetClients }, worker))
  const first = throttled[0]
  return { firstMs: first?.ms ?? null, retryAfter: first?.retryAfter ?? null, statuses }
}

function peaksOf(stats: SandboxStats): { received: number; accepted: number } {
  const keys = Object.values(stats.keys)
  return {
    received: Math.max(0, ...keys.map((key) => key.peakPerSecond.received)),
    accepted: Math.max(0, ...keys.map((key) => key.peakPerSecond.accepted)),
  }
}

function statusesOf(stats: SandboxStats): string {
  return Object.entries(stats.global.byStatus)
    .map(([status, count]) => `${status}: ${formatCount(count)}`)
    .join(', ')
}

function countFiveXx(statuses: Record<string, number>): number {
  return Object.entries(statuses)
    .filter(([status]) => status.startsWith('5'))
    .reduce((sum, [, count]) => sum + count, 0)
}

function concurrencyAnalysis(input: {
  load: string
  keyPeak: number
  sandbox429: number
  fiveXx: number
  overBudget: OverBudget
}): string[] {
  const paragraphs: string[] = [`**Load.** ${input.load}`]
  if (input.keyPeak > readLimit) {
    paragraphs.push(
      `**Above the limit.** The hub's per-key limiter (\`createKeyLimiters\` in src/connectors/payfit/rate-limit.ts) lets at most ${String(readLimit)} calls hold a slot at once, a call holding its slot while in flight and for one second after its reply, so no second at PayFit should ever see more. The sandbox still counted ${String(input.keyPeak)} calls within one second for one key, so something sends calls outside the limiter (${String(input.sandbox429)} answers 429 from the sandbox in this run); PayFit documents ${String(readLimit)} reads a second per key (payfit-api §7).`,
    )
  }
  if (input.fiveXx > 0) {
    paragraphs.push(
      `**5xx.** ${String(input.fiveXx)} answers were 5xx; the hub's log in the run's temporary directory has the request ids.`,
    )
  }
  if (input.overBudget.firstMs === null) {
    paragraphs.push(
      "**No 429.** The hub queues a key's calls for up to 2 s of its budget before refusing; this burst never queued that much.",
    )
  }
  return paragraphs
}
