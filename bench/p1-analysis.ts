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
  directBytes: number
  profile: ProfileSummary | undefined
}): string[] {
  const { rounds, hubBytes, directBytes, profile } = input
  const of = (condition: string, side: Round['side']) =>
    rounds.filter((round) => round.condition === condition && round.side === side)
  const hubLoaded = of(input.loaded, 'hub')
  const directLoaded = of(input.loaded, 'direct')
  const hubCpuPerPage = median(hubLoaded.map((round) => round.hubCpuMs / round.loop.iterations))
  const sandboxPerDirectPage = median(
    directLoaded.map((round) => round.sandboxCpuMs / round.loop.iterations),
  )
  const p50Ratio = (condition: string) =>
    ratio(
      median(of(condition, 'hub').map((round) => round.loop.p50Ms)),
      median(of(condition, 'direct').map((round) => round.loop.p50Ms)),
    )
  const rateRatio = (condition: string) =>
    ratio(
      median(of(condition, 'hub').map((round) => round.loop.perSecond)),
      median(of(condition, 'direct').map((round) => round.loop.perSecond)),
    )
  const p50Gap = (condition: string) =>
    median(of(condition, 'hub').map((round) => round.loop.p50Ms)) -
    median(of(condition, 'direct').map((round) => round.loop.p50Ms))

  const paragraphs = [
    `**Why.** With no PayFit latency both sides are bound by CPU on the same cores, so the ratios compare amounts of work. The direct side is the sandbox answering three calls (${formatCount(directBytes / 1024, 0)} kB, ${formatMs(sandboxPerDirectPage)} of sandbox CPU per page) and the client parsing them. The hub side is all of that — the hub makes the same calls and parses the same ${formatCount(directBytes / 1024, 0)} kB — plus ${formatMs(hubCpuPerPage)} of hub CPU per page: authenticating the project key, reading and decrypting the account, validating the PayFit answers, mapping 50 collaborators and their contracts to StackOne's employee, and serialising a ${formatCount(hubBytes / 1024, 0)} kB page (StackOne's shape repeats the company and the work location in every employee and wraps every enum as \`{value, source_value}\`), which the client then parses. A process doing a superset of the direct work on the same CPU cannot come within 10 % of it; the gap is the hub's own CPU.`,
    `**With latency.** With every sandbox call at 50 ms the hub's p50 is ${formatRatio(p50Ratio(input.withLatency))} of the direct p50 (${formatMs(p50Gap(input.withLatency))} more) and its throughput ${formatRatio(rateRatio(input.withLatency))}. The added time is more than the hub's own CPU per page (${formatMs(hubCpuPerPage)}): the rest is waiting, for a core on this shared machine and behind the other pages the hub is serving at once, which this run does not break down further. One request at a time without latency, the hub adds ${formatMs(p50Gap(input.unloaded))} to the p50 (${formatRatio(p50Ratio(input.unloaded))}).`,
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
      '**What to change, by owner.** HTTP layer: a serializer compiled from the employee schema (fast-json-stringify) instead of `JSON.stringify` per employee. PayFit client: `decodeJson` is the same JSON parse the direct client does, but the zod parse of every PayFit page (the `zod` share) is extra; a precompiled validator, or checking only the fields the mapping reads, would cut it. (The mapping already builds the company and its work location once per page rather than per employee.) None of these removes the larger response or the second parse on the client, so the zero-latency ratio will stay well above 1.10×; the latency comparison above is the one users feel.',
    )
  }
  return paragraphs
}
