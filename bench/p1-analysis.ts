import type { Round } from './p1-parts.ts'
import type { ProfileSummary } from './profile.ts'
import { formatCount, formatMs, formatRatio, median, ratio } from './stats.ts'

const share = (value: number) => `${(value * 100).toFixed(0)} %`

/** Why the hub costs more than the direct calls, from the rounds and the profile. */
export function overheadAnalysis(input: {
  rounds: Round[]
  loaded: string
  unloaded: string
  withLatency: string
  hubBytes: number
  jsonWork: { parsePayfitMs: number; writePageMs: number }
  directBytes: number
  profile: ProfileSummary | undefined
}): string[] {
  const { rounds, hubBytes, directBytes, profile } = input
  const of = (condition: string, side: Round['side']) =>
    rounds.filter((round) => round.condition === condition && round.side === side)
  const p50 = (round: Round) => round.loop.p50Ms
  const rate = (round: Round) => round.loop.perSecond
  const cpuPerPage = (round: Round) => round.hubCpuMs / round.loop.iterations
  const medianOf = (condition: string, side: Round['side'], pick: (round: Round) => number) =>
    median(of(condition, side).map(pick))
  /** `side` against `other` in one condition, medians over their rounds. */
  const versus = (
    condition: string,
    side: Round['side'],
    other: Round['side'],
    pick: (round: Round) => number,
  ) => ratio(medianOf(condition, side, pick), medianOf(condition, other, pick))
  const p50Ratio = (condition: string) => versus(condition, 'hub', 'direct', p50)
  const rateRatio = (condition: string) => versus(condition, 'hub', 'direct', rate)
  const p50Gap = (condition: string) =>
    medianOf(condition, 'hub', p50) - medianOf(condition, 'direct', p50)
  const sideRatio = (condition: string, side: Round['side'], pick: (round: Round) => number) =>
    versus(condition, side, 'direct', pick)
  const hubOverPassThrough = (pick: (round: Round) => number) =>
    versus(input.loaded, 'hub', 'pass-through', pick)

  const hubCpuPerPage = medianOf(input.loaded, 'hub', cpuPerPage)
  const passThroughCpuPerPage = medianOf(input.loaded, 'pass-through', cpuPerPage)
  const sandboxPerDirectPage = medianOf(
    input.loaded,
    'direct',
    (round) => round.sandboxCpuMs / round.loop.iterations,
  )
  const passThroughP50Ratio = sideRatio(input.loaded, 'pass-through', p50)
  const passThroughRateRatio = sideRatio(input.loaded, 'pass-through', rate)

  const paragraphs = [
    `**Why.** With no PayFit latency both sides are bound by CPU on the same cores, so the ratios compare amounts of work. The direct side is the sandbox answering three calls (${formatCount(directBytes / 1024, 0)} kB, ${formatMs(sandboxPerDirectPage)} of sandbox CPU per page) and the client parsing them. The hub side is all of that — the hub makes the same calls and parses the same ${formatCount(directBytes / 1024, 0)} kB — plus ${formatMs(hubCpuPerPage)} of hub CPU per page: authenticating the project key, reading and decrypting the account, validating the PayFit answers, mapping 50 collaborators and their contracts to StackOne's employee, and serialising a ${formatCount(hubBytes / 1024, 0)} kB page (StackOne's shape repeats the company and the work location in every employee and wraps every enum as \`{value, source_value}\`), which the client then parses. A process doing a superset of the direct work on the same CPU cannot come within 10 % of it; the gap is the hub's own CPU.`,
    `**Any process in between.** The pass-through side is a hub reduced to the hop itself: the same PayFit calls, the same parsing, the collaborators written back as JSON, nothing else (${formatMs(passThroughCpuPerPage)} of CPU per page). Against the direct calls it already takes ${formatRatio(passThroughP50Ratio)} the p50 and ${formatRatio(passThroughRateRatio)} the throughput${passThroughP50Ratio > 1.1 || passThroughRateRatio < 0.9 ? ', outside both targets: on this machine no process placed between the client and PayFit, however little it does, meets them without latency, so the targets as written cannot be met by any hub here' : ''}. What is the hub's own is the rest: the hub takes ${formatRatio(hubOverPassThrough(p50))} the pass-through's p50 and ${formatRatio(hubOverPassThrough(rate))} its throughput, for authentication, the account, validation, mapping and StackOne's larger response.`,
    `**With latency.** With every sandbox call at 50 ms, the pass-through is at ${formatRatio(sideRatio(input.withLatency, 'pass-through', p50))} of the direct p50 and ${formatRatio(sideRatio(input.withLatency, 'pass-through', rate))} of its throughput, within both targets: once PayFit's latency dominates, the hop itself costs almost nothing. The hub is at ${formatRatio(p50Ratio(input.withLatency))} (${formatMs(p50Gap(input.withLatency))} more) and ${formatRatio(rateRatio(input.withLatency))}: that gap is the hub's own CPU per page (${formatMs(hubCpuPerPage)} without latency, against ${formatMs(passThroughCpuPerPage)} for the pass-through). The ten clients' PayFit answers come back together, 50 ms after they were asked, and one Node thread maps and writes the ten pages one after the other, so a page waits for the pages ahead of it; the pass-through's pages are too cheap to queue. Within 10 % leaves ${formatMs(0.1 * medianOf(input.withLatency, 'direct', p50))} for the hub's work and that wait together, less than one page's CPU today; several hub processes would spread the queue, but each would then keep its own PayFit rate budget, which P3 forbids. One request at a time without latency, the hub adds ${formatMs(p50Gap(input.unloaded))} to the p50 (${formatRatio(p50Ratio(input.unloaded))}).`,
  ]
  if (profile !== undefined) {
    const areas = profile.areas
      .slice(0, 8)
      .map((area) => `${area.name} ${share(area.share)}`)
      .join(', ')
    const functions = profile.functions
      .slice(0, 6)
      .map((entry) => `\`${entry.name}\` ${share(entry.share)}`)
      .join(', ')
    paragraphs.push(
      `**Where the hub's CPU goes** (self time in the profiled round, start-up left out): ${areas}. Heaviest functions: ${functions}. "native" is mostly socket writes of response bodies and \`JSON.stringify\` of each employee (list pages are joined from per-employee strings, src/http/unified/list-body.ts, so that no page is one large string; docs/decisions.md also explains the heap flags \`npm start\` runs with, which trade some of this CPU for memory).`,
      `**What is left, and why it stays.** Of the hub's ${formatMs(hubCpuPerPage)} of CPU a page, the JSON work any StackOne-speaking hub does is small: parsing PayFit's three answers takes ${formatMs(input.jsonWork.parsePayfitMs)} and writing the ${formatCount(hubBytes / 1024, 0)} kB page ${formatMs(input.jsonWork.writePageMs)} (timed in the bench process); the hop itself, calls and sockets, is what the pass-through spends (${formatMs(passThroughCpuPerPage)}). The rest is spread over the request's path — the HTTP framework, the project key, the account read from SQLite and decrypted, the PayFit answers checked against their schemas, 50 employees mapped with their contracts, a log line — and the garbage all of them leave (the collector's ${share(profile.areas.find((area) => area.name === '(garbage collector)')?.share ?? 0)} of the profile above). Trimming each would shave a fraction of a millisecond apiece: enough to narrow the gap under latency, not to close it, and nothing changes the zero-latency comparison, which no process in between meets here.`,
    )
  }
  return paragraphs
}
