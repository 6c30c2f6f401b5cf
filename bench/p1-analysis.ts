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
  const hubOver = (other: Round['side'], pick: (round: Round) => number) =>
    versus(input.loaded, 'hub', other, pick)
  const within = (condition: string, side: Round['side']) =>
    sideRatio(condition, side, p50) <= 1.1 && sideRatio(condition, side, rate) >= 0.9
  const ratios = (condition: string, side: Round['side']) =>
    `${formatRatio(sideRatio(condition, side, p50))} the direct p50 and ${formatRatio(sideRatio(condition, side, rate))} its throughput`

  const hubCpuPerPage = medianOf(input.loaded, 'hub', cpuPerPage)
  const floorCpuPerPage = medianOf(input.loaded, 'floor', cpuPerPage)
  const passThroughCpuPerPage = medianOf(input.loaded, 'pass-through', cpuPerPage)
  const sandboxPerDirectPage = medianOf(
    input.loaded,
    'direct',
    (round) => round.sandboxCpuMs / round.loop.iterations,
  )
  const passThroughWithin = within(input.loaded, 'pass-through')
  const floorWithinUnderLatency = within(input.withLatency, 'floor')

  const paragraphs = [
    `**Why.** With no PayFit latency both sides are bound by CPU on the same cores, so the ratios compare amounts of work. The direct side is the sandbox answering three calls (${formatCount(directBytes / 1024, 0)} kB, ${formatMs(sandboxPerDirectPage)} of sandbox CPU per page) and the client parsing them. The hub side is all of that — the hub makes the same calls and parses the same ${formatCount(directBytes / 1024, 0)} kB — plus ${formatMs(hubCpuPerPage)} of hub CPU per page: authenticating the project key, reading and decrypting the account, validating the PayFit answers, mapping 50 collaborators and their contracts to StackOne's employee, and serialising a ${formatCount(hubBytes / 1024, 0)} kB page (StackOne's shape repeats the company and the work location in every employee and wraps every enum as \`{value, source_value}\`), which the client then parses. A process doing a superset of the direct work on the same CPU cannot come within 10 % of it; the gap is the hub's own CPU.`,
    `**Any process in between.** The pass-through side is a hub reduced to the hop itself: the same PayFit calls, the same parsing, the collaborators written back as JSON, nothing else (${formatMs(passThroughCpuPerPage)} of CPU per page). Against the direct calls it already takes ${ratios(input.loaded, 'pass-through')}${passThroughWithin ? '' : ', outside the targets: on this machine no process placed between the client and PayFit, however little it does, meets them without latency, so the targets as written cannot be met by any hub here'}.`,
    `**The least a StackOne hub does.** The floor side is that pass-through plus what answering in StackOne's shape requires: the collaborators and their contracts mapped with the hub's own mapping code and the ${formatCount(hubBytes / 1024, 0)} kB page written as the hub writes it (${formatMs(floorCpuPerPage)} of CPU per page; no authentication, account, validation of PayFit's answers, cache or HTTP framework). Without latency it takes ${ratios(input.loaded, 'floor')}; with PayFit at 50 ms, ${ratios(input.withLatency, 'floor')}${floorWithinUnderLatency ? ', within both targets' : ", outside the targets: the work the protocol itself asks for — mapping 50 employees and writing StackOne's larger page — already queues when ten answers arrive together, so no hub answering in this shape with this mapping meets them on this machine"}. What is the hub's own beyond the floor: ${formatMs(hubCpuPerPage - floorCpuPerPage)} of CPU a page, ${formatRatio(hubOver('floor', p50))} the floor's p50 and ${formatRatio(hubOver('floor', rate))} its throughput without latency.`,
    `**With latency.** With every sandbox call at 50 ms, the pass-through takes ${ratios(input.withLatency, 'pass-through')}${within(input.withLatency, 'pass-through') ? ", within both targets: once PayFit's latency dominates, the hop itself costs almost nothing" : ''}. The hub is at ${formatRatio(p50Ratio(input.withLatency))} (${formatMs(p50Gap(input.withLatency))} more) and ${formatRatio(rateRatio(input.withLatency))}: the gap is CPU per page (${formatMs(hubCpuPerPage)} for the hub, ${formatMs(floorCpuPerPage)} for the floor, ${formatMs(passThroughCpuPerPage)} for the pass-through, all without latency). The ten clients' PayFit answers come back together, 50 ms after they were asked, and one Node thread maps and writes the ten pages one after the other, so a page waits for the pages ahead of it. Within 10 % leaves ${formatMs(0.1 * medianOf(input.withLatency, 'direct', p50))} for that work and that wait together; several hub processes would spread the queue, but each would then keep its own PayFit rate budget, which P3 forbids. One request at a time without latency, the hub adds ${formatMs(p50Gap(input.unloaded))} to the p50 (${formatRatio(p50Ratio(input.unloaded))}).`,
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
      `**Where the hub's CPU goes** (self time in the profiled round, start-up left out): ${areas}. Heaviest functions: ${functions}. "native" is mostly socket writes of response bodies and \`JSON.stringify\` of the employees (list pages are written ten employees to a string, src/http/unified/list-body.ts, so that no page is one large string; docs/decisions.md also explains the heap flags \`npm start\` runs with, which trade some of this CPU for memory).`,
      `**What is left.** Of the hub's ${formatMs(hubCpuPerPage)} of CPU a page, the JSON work is small: parsing PayFit's three answers takes ${formatMs(input.jsonWork.parsePayfitMs)} and writing the ${formatCount(hubBytes / 1024, 0)} kB page ${formatMs(input.jsonWork.writePageMs)} (timed in the bench process). The floor (${formatMs(floorCpuPerPage)}) measures the hop, that JSON work and the mapping together; the ${formatMs(hubCpuPerPage - floorCpuPerPage)} above it is the hub's request path — the HTTP framework, the project key, the account read from SQLite and decrypted, the PayFit answers checked against their schemas, the cache and read-ahead, a log line — and the garbage they leave (the collector's ${share(profile.areas.find((area) => area.name === '(garbage collector)')?.share ?? 0)} of the profile above). ${floorWithinUnderLatency ? 'The floor meets the targets under latency here, so that path is what stands between the hub and them.' : 'Removing all of it would bring the hub to the floor, which itself misses the targets under latency on this machine (above).'}`,
    )
  }
  return paragraphs
}
