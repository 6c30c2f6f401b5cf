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
  const overFloorMs = main.wallMs - floor.withContractsMs
  const perPageMs = overFloorMs / Math.max(1, main.pages)
  const smallest = walks[0]
  const largest = walks.at(-1)
  const compiledWalk = compiled[0]
  const unfinished = walks.find((walk) => !walk.finished)
  const paragraphs = [
    `**Time.** For ${String(main.collaborators)} employees the hub made ${String(collaboratorCalls)} collaborator calls and ${String(contractCalls)} contract calls. The employment join needs the company's contracts before the first employee page can be answered, so the true floor is both walks side by side: max(${String(floor.collaboratorPages)}, ${String(floor.contractPages)}) × ${String(latencyMs)} ms = ${formatMs(floor.withContractsMs)} (the brief's floor, ${formatMs(floor.pagesOnlyMs)}, counts the collaborator pages only). \`listEmployees\` reads collaborator pages ahead while the contract index loads (src/connectors/payfit/operations/read-ahead.ts), so the walks overlap instead of running end to end (${formatMs(serialMs)}). The measured ${formatMs(main.wallMs)} is ${formatRatio(ratio(main.wallMs, floor.withContractsMs))} of the true floor; the remaining ${formatMs(Math.max(0, overFloorMs))} (about ${formatMs(Math.max(0, perPageMs))} per unified page) is the hub's own work on each page once the index is ready — the request, the join and mapping of its employees, the JSON on both sides — which cannot overlap the contract walk because no page can be answered before the index exists.`,
  ]
  if (smallest !== undefined && largest !== undefined) {
    const growth = (walk: Walk) => walk.peakRss - walk.idleRss
    paragraphs.push(
      `**Memory.** The hub idles at ${formatMb(main.idleRss)} when run as shipped (\`passerelle start\` loads the TypeScript sources through tsx)${compiledWalk === undefined ? '' : `, against ${formatMb(compiledWalk.idleRss)} for the same hub compiled to JavaScript; tsx (esbuild and its loader thread) accounts for the difference, and the compiled hub peaks at ${formatMb(compiledWalk.peakRss)} in the same walk`}. During the walk the hub grows by ${formatMb(growth(smallest))} for ${String(smallest.collaborators)} employees and ${formatMb(growth(largest))} for ${String(largest.collaborators)}. Part of that is fixed (the first requests load and compile the unified routes' code paths); the part that follows N is the contract index, which keeps every contract of the company in memory for 30 s after it loads (the read cache admits up to 200,000 items), plus the collaborator pages read ahead during the walk, so memory cannot stay flat as companies grow, whatever this range shows. A streaming join, which would need the contracts of the current page only, is not possible with PayFit's API: contracts can only be listed for the whole company, in an order unrelated to the collaborators'. ${compiledWalk === undefined ? '' : compiledWalk.peakRss <= 150 * 1024 * 1024 ? '`npm start` runs the compiled build, which brings the peak under 150 MB here.' : 'Even compiled (as `npm start` runs it), the peak is above 150 MB here: the rest is the index of the whole company.'}`,
      `**${unfinished === undefined ? 'Risk at larger N' : 'Larger N'}.** The read cache counts an entry's 30 seconds from the end of its load, so a long contract walk is kept once built. But the walk runs inside the first unified request, under that request's 30-second deadline: a company whose contract walk takes longer — more than about 600 pages at ${String(latencyMs)} ms, some 30,000 contracts — cannot be listed today. ${unfinished === undefined ? 'No company in this run was that large (`--large` adds one).' : `Measured here: for ${String(unfinished.collaborators)} employees the hub made ${String(unfinished.calls['contractsFr.list'] ?? unfinished.calls['contracts.list'] ?? 0)} contract calls for ${String(unfinished.pages)} unified pages and returned ${String(unfinished.returned)} employees in ${formatMs(unfinished.wallMs)}, peaking at ${formatMb(unfinished.peakRss)}.`} Loading the index under its own deadline, in the background, would lift this limit.`,
    )
  }
  return paragraphs
}
