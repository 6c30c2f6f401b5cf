import type { Walk } from './p2-full-read.ts'
import type { ReadFloor } from './stats.ts'
import { formatMb, formatMs, formatRatio, ratio } from './stats.ts'

/** Where a full read's time and memory go, from the walks' own numbers. */
export function fullReadAnalysis(input: {
  main: Walk
  walks: Walk[]
  compiled: Walk[]
  floor: ReadFloor
  latencyMs: number
}): string[] {
  const { main, walks, compiled, floor, latencyMs } = input
  const collaboratorCalls = main.calls['collaborators.list'] ?? 0
  const contractCalls = main.calls['contractsFr.list'] ?? main.calls['contracts.list'] ?? 0
  const serialMs = (collaboratorCalls + contractCalls) * latencyMs
  const perPageMs = (main.wallMs - serialMs) / Math.max(1, main.pages)
  const smallest = walks[0]
  const largest = walks.at(-1)
  const compiledWalk = compiled[0]
  const unfinished = walks.find((walk) => !walk.finished)
  const paragraphs = [
    `**Time.** For ${String(main.collaborators)} employees the hub made ${String(collaboratorCalls)} collaborator calls and ${String(contractCalls)} contract calls. \`listEmployees\` (src/connectors/payfit/operations/employees.ts) awaits \`context.contracts()\` (context.ts), which walks every contract page one after the other before the first unified page can be answered; after that each unified page costs one collaborator call. The hub's critical path is therefore the two walks end to end: (${String(collaboratorCalls)} + ${String(contractCalls)}) × ${String(latencyMs)} ms = ${formatMs(serialMs)}, and the measured ${formatMs(main.wallMs)} is ${formatRatio(ratio(main.wallMs, serialMs))} of that (about ${formatMs(perPageMs)} per unified page on top of the PayFit latency: hub work, the client's request, JSON on both sides). The brief's floor (${formatMs(floor.pagesOnlyMs)}) ignores the contract walk, which the employment join cannot skip; the true floor, both walks side by side, is ${formatMs(floor.withContractsMs)}.`,
    `**What to change (PayFit operations owners).** Overlap the two walks: while the contract index loads, read collaborator pages ahead (for example the next two tokens, into the existing read cache, whose weight limit already bounds the memory), so that by the time the index is ready the first pages are in hand and later requests find their collaborator page cached. That turns the critical path into max(${String(floor.collaboratorPages)}, ${String(floor.contractPages)}) pages ≈ ${formatMs(floor.withContractsMs)} plus the per-page overhead. Two calls in flight per key stay well under PayFit's 50 reads/s at this latency.`,
  ]
  if (smallest !== undefined && largest !== undefined) {
    const growth = (walk: Walk) => walk.peakRss - walk.idleRss
    paragraphs.push(
      `**Memory.** The hub idles at ${formatMb(main.idleRss)} when run as shipped (\`passerelle start\` loads the TypeScript sources through tsx)${compiledWalk === undefined ? '' : `, against ${formatMb(compiledWalk.idleRss)} for the same hub compiled to JavaScript; tsx (esbuild and its loader thread) accounts for the difference, and the compiled hub peaks at ${formatMb(compiledWalk.peakRss)} in the same walk`}. During the walk the hub grows by ${formatMb(growth(smallest))} for ${String(smallest.collaborators)} employees and ${formatMb(growth(largest))} for ${String(largest.collaborators)}. Part of that is fixed (the first requests load and compile the unified routes' code paths); the part that follows N is the contract index, which keeps every contract of the company in memory for 30 s (the read cache admits up to 200,000 items), so memory cannot stay flat as companies grow, whatever this range shows. A streaming join needs the contracts of the current page only. ${compiledWalk === undefined ? '' : compiledWalk.peakRss <= 150 * 1024 * 1024 ? 'A plain-JavaScript build for production (`npm run build`) already brings the peak under 150 MB here.' : 'Even compiled, the peak is above 150 MB here, so both are needed: a production build without tsx (`npm run build`), and an index that does not hold the whole company (streamed, or capped per account).'}`,
      `**${unfinished === undefined ? 'Risk at larger N' : 'Larger N'}.** The cache entry's 30-second lifetime starts when the contract walk starts (cache.ts sets \`expiresAtMs\` at load time). When the walk itself takes longer than 30 s — more than 600 pages at ${String(latencyMs)} ms, about 30,000 contracts — the index expires as soon as it is built and the next unified page walks every contract again. ${unfinished === undefined ? 'No company in this run was that large (`--large` adds one).' : `Measured here: for ${String(unfinished.collaborators)} employees the hub made ${String(unfinished.calls['contractsFr.list'] ?? unfinished.calls['contracts.list'] ?? 0)} contract calls for ${String(unfinished.pages)} unified pages (the whole index again for every page) and returned ${String(unfinished.returned)} employees in ${formatMs(unfinished.wallMs)}, peaking at ${formatMb(unfinished.peakRss)}.`} Counting the lifetime from the end of the load (or refreshing it while a walk is in progress) fixes the repetition; streaming the join fixes the memory.`,
    )
  }
  return paragraphs
}
