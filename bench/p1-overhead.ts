import { basicAuth, closedLoop } from './load.ts'
import { cpuTimeMs, startHubChild, startSandboxChild, type HubChild } from './processes.ts'
import { overheadAnalysis } from './p1-analysis.ts'
import {
  directCalls,
  jsonWorkMs,
  payfitPageBodies,
  profileHub,
  profileTables,
  roundsTable,
  startPassThrough,
  writeKeysFile,
  type PassThroughChild,
  type Round,
} from './p1-parts.ts'
import { callsByRoute, mintKeys, readStats, resetStats, setLatency } from './sandbox-admin.ts'
import { requireCompiledHub, type BenchContext, type ScenarioResult } from './scenario.ts'
import { seedAccounts } from './seed.ts'
import { formatCount, formatMs, formatRatio, median, ratio } from './stats.ts'

const employees = 50
const connections = 10
/** More accounts than the hub's read cache holds entries for, so every request reads PayFit. */
const coldAccounts = 400
const pagePath = '/unified/hris/employees?page_size=50'
const payfitLatencyMs = 50
const probes = 3
const loaded = `${String(connections)} connections`
const unloaded = '1 connection'
const withLatency = `${String(connections)} connections, PayFit at ${String(payfitLatencyMs)} ms`

/**
 * P1: one unified page of 50 employees through the hub versus the PayFit calls the hub makes
 * for it, issued directly against the sandbox the same way (same `fetch`, same keep-alive, same
 * concurrency), in alternating rounds.
 */
export async function runOverheadScenario(context: BenchContext): Promise<ScenarioResult> {
  const { quick } = context.options
  const roundsPerSide = quick ? 2 : 5
  const roundMs = quick ? 3_000 : 8_000
  const extraRounds = quick ? 1 : 2
  const sandbox = await startSandboxChild([
    '--employees',
    String(employees),
    '--reads-per-second',
    '100000',
    '--writes-per-second',
    '100000',
  ])
  let hub: HubChild | undefined
  let passThrough: PassThroughChild | undefined
  let floor: PassThroughChild | undefined
  try {
    const company = sandbox.companies[0]
    if (company === undefined) throw new Error('the sandbox has no company')
    context.log(`P1: minting ${String(coldAccounts)} PayFit keys and linking one account each`)
    const keys = await mintKeys(sandbox, company.id, coldAccounts)
    const dataDir = context.tempDir('p1')
    const seeded = await seedAccounts({
      dataDir,
      sandboxUrl: sandbox.url,
      keys,
      count: coldAccounts,
    })
    const compiledMain = await requireCompiledHub(context)
    hub = await startHubChild({ dataDir, sandboxUrl: sandbox.url, compiledMain })
    const hubUrl = hub.url
    const keysFile = writeKeysFile(dataDir, keys)
    passThrough = await startPassThrough(
      compiledMain,
      sandbox,
      company.id,
      keysFile,
      'collaborators',
    )
    floor = await startPassThrough(compiledMain, sandbox, company.id, keysFile, 'employees')
    const auth = basicAuth(seeded.apiKey)

    // The calls behind one page, as the sandbox counted them over three accounts' first pages.
    await resetStats(sandbox)
    let hubBody = ''
    for (const accountId of seeded.accountIds.slice(0, probes)) {
      const probe = await fetch(hubUrl + pagePath, {
        headers: { authorization: auth, 'x-account-id': accountId },
      })
      hubBody = await probe.text()
      if (probe.status !== 200) throw new Error(`the unified page answered ${String(probe.status)}`)
    }
    const calls = Object.entries(callsByRoute((await readStats(sandbox)).global)).map(
      ([route, count]) => [route, count / probes] as const,
    )
    const payfitBodies = await payfitPageBodies(sandbox, company.id, keys[0] ?? '')
    const hubBytes = Buffer.byteLength(hubBody)
    const directBytes = payfitBodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0)
    const jsonWork = jsonWorkMs(payfitBodies, hubBody)

    let next = 0
    const pageFrom = (url: string) => async (): Promise<[number, number]> => {
      const accountId = seeded.accountIds[next % seeded.accountIds.length] ?? ''
      next += 1
      const response = await fetch(url + pagePath, {
        headers: { authorization: auth, 'x-account-id': accountId },
      })
      const body = (await response.json()) as { data?: unknown[] }
      return [response.status, body.data?.length ?? 0]
    }
    const hubPage = pageFrom(hubUrl)
    const passThroughPage = pageFrom(passThrough.url)
    const floorPage = pageFrom(floor.url)
    const directPage = directCalls(sandbox, company.id, keys)

    const rounds: Round[] = []
    const runRound = async (side: Round['side'], condition: string, connections: number) => {
      let mapped = 0
      // On the direct side, the idle hub's CPU: it shows the hub took no part.
      const middle = {
        hub: hub?.pid,
        floor: floor?.pid,
        'pass-through': passThrough?.pid,
        direct: hub?.pid,
      }[side]
      const hubCpu = cpuTimeMs(middle ?? 0)
      const sandboxCallsBefore = (await readStats(sandbox)).global.requests
      const sandboxCpu = cpuTimeMs(sandbox.pid)
      const loop = await closedLoop({
        connections,
        durationMs: roundMs,
        maxIterations: 200_000,
        iteration: async () => {
          if (side === 'direct') return directPage()
          const page = { hub: hubPage, floor: floorPage, 'pass-through': passThroughPage }[side]
          const [status, count] = await page()
          mapped += count
          return [status]
        },
      })
      rounds.push({
        side,
        condition,
        loop,
        hubCpuMs: cpuTimeMs(middle ?? 0) - hubCpu,
        sandboxCalls: (await readStats(sandbox)).global.requests - sandboxCallsBefore,
        sandboxCpuMs: cpuTimeMs(sandbox.pid) - sandboxCpu,
        employees: mapped,
      })
      context.log(
        `P1: ${condition}, ${side}: p50 ${formatMs(loop.p50Ms)}, ${formatCount(loop.perSecond)} pages/s`,
      )
    }

    context.log(`P1: warming up every side`)
    await closedLoop({
      connections,
      durationMs: 1_000,
      maxIterations: 5_000,
      iteration: directPage,
    })
    for (const page of [hubPage, floorPage, passThroughPage]) {
      await closedLoop({
        connections,
        durationMs: 1_000,
        maxIterations: 5_000,
        iteration: async () => [(await page())[0]],
      })
    }
    const sides = ['hub', 'floor', 'pass-through', 'direct'] as const
    for (let round = 0; round < roundsPerSide; round += 1) {
      for (const side of sides) await runRound(side, loaded, connections)
    }
    for (let round = 0; round < extraRounds; round += 1) {
      for (const side of sides) await runRound(side, unloaded, 1)
    }
    await setLatency(sandbox, payfitLatencyMs)
    for (let round = 0; round < extraRounds; round += 1) {
      for (const side of sides) await runRound(side, withLatency, connections)
    }
    await passThrough.stop()
    passThrough = undefined
    await floor.stop()
    floor = undefined
    await setLatency(sandbox, 0)

    const mainRounds = rounds.filter((round) => round.condition === loaded)
    const hubRounds = mainRounds.filter((round) => round.side === 'hub')
    const directRounds = mainRounds.filter((round) => round.side === 'direct')
    const medianOf = (list: Round[], pick: (round: Round) => number) => median(list.map(pick))
    const hubP50 = medianOf(hubRounds, (round) => round.loop.p50Ms)
    const directP50 = medianOf(directRounds, (round) => round.loop.p50Ms)
    const hubP99 = medianOf(hubRounds, (round) => round.loop.p99Ms)
    const directP99 = medianOf(directRounds, (round) => round.loop.p99Ms)
    const hubRate = medianOf(hubRounds, (round) => round.loop.perSecond)
    const directRate = medianOf(directRounds, (round) => round.loop.perSecond)
    const cpuPerEmployee = medianOf(hubRounds, (round) => round.hubCpuMs / round.employees)
    const failures = mainRounds.reduce((sum, round) => sum + round.loop.failures, 0)

    context.log('P1: warm cache (one account) and a profiled hub')
    const warm = await closedLoop({
      connections,
      durationMs: roundMs,
      maxIterations: 200_000,
      iteration: async () => {
        const response = await fetch(hubUrl + pagePath, {
          headers: { authorization: auth, 'x-account-id': seeded.accountIds[0] ?? '' },
        })
        await response.json()
        return [response.status]
      },
    })
    await hub.stop()
    hub = undefined
    const profile = await profileHub(context, connections, dataDir, sandbox, roundMs, (url) => {
      const page = pageFrom(url)
      return async () => [(await page())[0]]
    })

    const p50Ratio = ratio(hubP50, directP50)
    const rateRatio = ratio(hubRate, directRate)
    return {
      id: 'P1',
      title: 'Overhead of one unified page of 50 employees',
      setup: [
        `Sandbox child process: one French company of ${String(employees)} collaborators, no added latency, rate limits raised to 100,000/s per key (the CLI's maximum) so the sandbox never throttles the benchmark.`,
        `Hub child process compiled to JavaScript and started as \`npm start\` starts it (log level info to a file) with ${String(coldAccounts)} linked accounts, each with its own PayFit key minted through \`POST /_sandbox/keys\`; the load rotates \`x-account-id\` over them, so the hub's read cache (500 entries; 30 s for the company, 5 s for a list page) never answers and every page costs the hub its real PayFit calls (the rounds table counts the sandbox's requests per page on every side). The same page for one account, served from the cache, is shown apart.`,
        `One page through the hub made these sandbox calls (mean over ${String(probes)} accounts' first pages): ${calls
          .map(([route, count]) => `\`${route}\` × ${count.toFixed(1)}`)
          .join(
            ', ',
          )}. The direct side makes the same calls the way the hub does: the collaborator page, the company and the contract walk (one \`/contracts-fr\` page after the other) side by side, each body parsed as JSON.`,
        `Every side uses the bench's closed loop: ${String(connections)} workers, Node's \`fetch\` (keep-alive), ${String(roundsPerSide)} rounds of ${String(roundMs / 1000)} s per side, the sides taking turns; medians over rounds. CPU is the utime+stime of the process between client and sandbox from \`/proc/<pid>/stat\` (the hub's during direct rounds, which shows it idle).`,
        'A third side, measured in the same alternating rounds, is the least any process between the client and PayFit does: bench/pass-through.ts, a bare Node HTTP server run from the same build with the same Node flags, takes the request, makes the same PayFit calls (the same way as the direct side), parses them and answers the collaborators as JSON — no authentication, storage, validation or mapping.',
        "A fourth side, the floor, is the least a hub answering in StackOne's shape does: the same pass-through, but it maps the collaborators and their contracts to StackOne's employee with the hub's own mapping code and writes the page as the hub writes it — still no authentication, storage, validation of PayFit's answers, cache or HTTP framework.",
        'autocannon is not used here because a direct "page" is several requests, partly in parallel, which it cannot express as one timed unit.',
      ],
      commands: [
        `\`passerelle sandbox --json --port 0 --employees ${String(employees)} --reads-per-second 100000 --writes-per-second 100000\``,
        `\`node <npm start flags> dist/src/cli/entry.js start --port <free> --host 127.0.0.1 --data-dir <tmp> --payfit-api-url <sandbox> --payfit-oauth-url <sandbox> --log-level info\``,
        `hub side: \`GET ${pagePath}\` with Basic auth and a rotating \`x-account-id\``,
        'direct side: `GET /companies/{id}/collaborators?maxResults=50` ∥ `GET /companies/{id}` ∥ (`GET /companies/{id}/contracts-fr?maxResults=50` → next page), Bearer key',
        'pass-through side: `node <npm start flags> <build>/bench/pass-through.js <sandbox> <company> <keys file> collaborators`, then `GET /unified/hris/employees?page_size=50` on it; floor side: the same with `employees`',
      ],
      tables: [
        roundsTable(rounds),
        conditionsTable(rounds),
        {
          caption: 'Medians over rounds',
          columns: ['Measure', 'Hub', 'Direct', 'Hub / direct'],
          rows: [
            ['p50 latency', formatMs(hubP50), formatMs(directP50), formatRatio(p50Ratio)],
            [
              'p99 latency',
              formatMs(hubP99),
              formatMs(directP99),
              formatRatio(ratio(hubP99, directP99)),
            ],
            [
              'pages per second',
              formatCount(hubRate),
              formatCount(directRate),
              formatRatio(rateRatio),
            ],
            ['hub CPU per mapped employee', `${(cpuPerEmployee * 1000).toFixed(0)} µs`, '—', '—'],
          ],
        },
        {
          caption: 'Warm cache: the same page for one account, answered from the hub cache',
          columns: ['p50', 'p99', 'pages per second'],
          rows: [[formatMs(warm.p50Ms), formatMs(warm.p99Ms), formatCount(warm.perSecond)]],
        },
        ...profileTables(profile),
      ],
      targets: [
        {
          name: 'hub p50 / direct p50',
          target: '≤ 1.10×',
          measured: formatRatio(p50Ratio),
          met: p50Ratio <= 1.1 && failures === 0,
        },
        {
          name: 'hub throughput / direct throughput',
          target: '≥ 0.90×',
          measured: formatRatio(rateRatio),
          met: rateRatio >= 0.9 && failures === 0,
        },
      ],
      analysis: [
        ...(failures === 0 ? [] : [`${String(failures)} iterations failed (non-2xx or error).`]),
        ...(p50Ratio <= 1.1 && rateRatio >= 0.9
          ? []
          : overheadAnalysis({
              rounds,
              loaded,
              unloaded,
              withLatency,
              hubBytes,
              jsonWork,
              directBytes,
              profile,
            })),
      ],
    }
  } finally {
    await passThrough?.stop()
    await floor?.stop()
    await hub?.stop()
    await sandbox.stop()
  }
}

/** Every side for every condition, medians over its rounds. */
function conditionsTable(rounds: Round[]) {
  const sides = ['hub', 'floor', 'pass-through', 'direct'] as const
  const conditions = [...new Set(rounds.map((round) => round.condition))]
  return {
    caption: 'Side by side, per condition (medians over rounds)',
    columns: [
      'Condition',
      'p50 hub · floor · pass-through · direct',
      'p50 / direct: pass-through · floor · hub',
      'pages/s hub · floor · pass-through · direct',
      'pages/s / direct: pass-through · floor · hub',
    ],
    rows: conditions.map((condition) => {
      const of = (side: Round['side'], pick: (round: Round) => number) =>
        median(
          rounds.filter((round) => round.condition === condition && round.side === side).map(pick),
        )
      const p50 = (side: Round['side']) => of(side, (round) => round.loop.p50Ms)
      const rate = (side: Round['side']) => of(side, (round) => round.loop.perSecond)
      const middle = ['pass-through', 'floor', 'hub'] as const
      return [
        condition,
        sides.map((side) => formatMs(p50(side))).join(' · '),
        middle.map((side) => formatRatio(ratio(p50(side), p50('direct')))).join(' · '),
        sides.map((side) => formatCount(rate(side))).join(' · '),
        middle.map((side) => formatRatio(ratio(rate(side), rate('direct')))).join(' · '),
      ]
    }),
  }
}
