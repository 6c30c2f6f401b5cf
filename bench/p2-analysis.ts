import type { Walk } from './p2-full-read.ts'
import type { ReadFloor } from './stats.ts'
import { formatCount, formatMb, formatMs, formatRatio, ratio } from './stats.ts'

/** Collaborator pages a read-ahead chain may hold (operations/employees.ts). */
const pagesHeld = 200
/**
 * Heap bytes per contract in the sealed index (operations/contract-index.ts): 9.2 MB for the
 * 106,108 contracts of the 100,000-employee sandbox company (36-character collaborator ids,
 * 24-character contract ids), from a heap snapshot after a full read (2026-12-05). One object
 * per contract in two Maps, as before, took 259 bytes a contract with shorter ids (27 MB for
 * 106,000 contracts of 24-character ids, `--expose-gc`, 2026-12-04).
 */
const bytesPerIndexedContract = 87
const bytesPerContractAsObjects = 259

/** Contract pages the hub read, through the route it chose (`/contracts-fr` for a French company). */
export function contractPagesOf(walk: Walk): number {
  return walk.calls['contractsFr.list'] ?? walk.calls['contracts.list'] ?? 0
}

/** Where a full read's time and memory go, from the walks' own numbers. */
export function fullReadAnalysis(input: {
  main: Walk
  walks: Walk[]
  throughTsx: Walk
  floor: ReadFloor
  latencyMs: number
  /** The target: the full read within this many times the direct walk. */
  targetRatio: number
  /** Every walk of the timed size, for the spread of one walk's peak. */
  timedWalks: Walk[]
}): string[] {
  const { main, walks, throughTsx, floor, latencyMs, targetRatio } = input
  const collaboratorCalls = main.calls['collaborators.list'] ?? 0
  const contractCalls = contractPagesOf(main)
  const perDirectCallMs = main.directMs / Math.max(1, floor.collaboratorPages)
  const tailPerPageMs = (main.wallMs - main.firstPageMs) / Math.max(1, main.pages - 1)
  const paragraphs = [
    `**Time.** For ${formatCount(main.collaborators)} employees the hub made ${formatCount(collaboratorCalls)} collaborator calls and ${formatCount(contractCalls)} contract calls and took ${formatMs(main.wallMs)}, ${formatRatio(ratio(main.wallMs, main.directMs))} of the same ${formatCount(floor.collaboratorPages)} collaborator pages walked directly (${formatMs(main.directMs)}). No employee page can be answered before the company's contract index is built (PayFit lists contracts for the whole company only, in an order unrelated to the collaborators'), so the first page came after ${formatMs(main.firstPageMs)}, the contract walk; meanwhile the collaborator pages were read beside it (src/connectors/payfit/operations/read-ahead.ts), and the ${formatCount(main.pages - 1)} pages after the first were answered from them in ${formatMs(tailPerPageMs)} each — the request, the join and mapping of 50 employees, about 150 kB of JSON written by the hub and parsed by the client. Walked end to end instead, the two walks would take ${formatMs((collaboratorCalls + contractCalls) * perDirectCallMs)}.`,
    againstTarget(main, tailPerPageMs, targetRatio),
    `**The floor.** The brief's floor counts the latency alone: ceil(N/50) × ${String(latencyMs)} ms = ${formatMs(floor.pagesOnlyMs)}, against which the hub takes ${formatRatio(ratio(main.wallMs, floor.pagesOnlyMs))}. No client reaches it: each sandbox call costs ${formatMs(perDirectCallMs)} here, not ${String(latencyMs)} ms, because the sandbox builds and serialises its page and the round trip takes its share. The direct walk pays that cost exactly as the hub's calls do, which is why the target compares with it. The hub's contract walk is ${formatCount(contractCalls)} such calls (${formatMs(contractCalls * perDirectCallMs)}), so the time the hub adds to a client's own walk is the per-page work after the index.`,
  ]

  const largest = walks.at(-1)
  if (largest !== undefined && largest !== main) {
    const largestContracts = contractPagesOf(largest)
    const largestPages = Math.ceil(largest.collaborators / 50)
    const largestCollaboratorCalls = largest.calls['collaborators.list'] ?? 0
    const perCallMs = largest.directMs / Math.max(1, largestPages)
    paragraphs.push(
      `**${formatCount(largest.collaborators)} employees.** The contract walk (${formatCount(largestContracts)} pages) outlasts a request's 30 s deadline, so it runs in the background under its own deadline; the client got ${formatCount(largest.stillLoading)} × 408 with \`Retry-After\` and its first page after ${formatMs(largest.firstPageMs)}. The whole walk took ${formatMs(largest.wallMs)}, ${formatRatio(ratio(largest.wallMs, largest.directMs))} of the direct walk (${formatMs(largest.directMs)}). Here memory sets the time: the read-ahead holds at most ${String(pagesHeld)} collaborator pages (${formatCount(pagesHeld * 50)} collaborators) while the index loads, so most of the other ${formatCount(Math.max(0, largestPages - pagesHeld))} pages are read after it, one PayFit call (${formatMs(perCallMs)}) each, in step with the client (${formatCount(largestCollaboratorCalls)} collaborator calls for ${formatCount(largestPages)} pages). Reaching the floor at this size would mean holding every collaborator of the company in memory during the contract walk, which the memory target forbids; the bound is the trade between the two.`,
    )
  }

  const smallest = walks[0]
  if (smallest !== undefined && largest !== undefined) {
    const growth = (walk: Walk) => walk.peakRss - walk.idleRss
    const indexMb = (walk: Walk) => (walk.contracts * bytesPerIndexedContract) / (1024 * 1024)
    paragraphs.push(
      `**Memory.** The compiled hub idles at ${formatMb(main.idleRss)}. During the walk it grows by ${walks.map((walk) => `${formatMb(growth(walk))} for ${formatCount(walk.collaborators)} employees`).join(', ')}: peaks ${walks.map((walk) => formatMb(walk.peakRss)).join(', ')}, ${formatRatio(ratio(largest.peakRss, smallest.peakRss))} from the smallest company to the largest.${spreadOf(input.timedWalks)} Two things in it are bounded whatever N: the collaborator pages read ahead (at most ${formatCount(pagesHeld * 50)} collaborators) and list pages cached for 5 s, both held as PayFit's reply bytes (some 40 kB a page, outside V8's heap) and parsed again when a request takes them (src/connectors/payfit/reply-source.ts). One is not: the contract index, which the join needs whole, because PayFit lists contracts for the whole company only, in an order unrelated to the collaborators'. It keeps only the fields the mapping reads (id, collaborator, job, dates, status, hours, DSN nature), each value that repeats stored once, sealed as the walk goes in batches of 8,192 contracts whose ids and rows are each written end to end into one string (so the walk never holds more than one batch of loose rows): about ${String(bytesPerIndexedContract)} bytes a contract, against ${String(bytesPerContractAsObjects)} for the same facts as one object per contract in a Map (measured with \`--expose-gc\`), so about ${indexMb(largest).toFixed(1)} MB for ${formatCount(largest.contracts)} contracts. V8's own trace (\`--trace-gc\`) shows where the rest goes: what a full collection left peaked at ${formatMb(largest.heap.liveMax)} for ${formatCount(largest.collaborators)} employees (${formatMb(smallest.heap.liveMax)} for ${formatCount(smallest.collaborators)}), while the heap V8 held from the system reached ${formatMb(largest.heap.committedMax)} (${formatMb(smallest.heap.committedMax)}): V8 keeps room above what is live (the start script lets the old generation grow to 1.5× what survived, and the young generation takes two 8 MiB semi-spaces, docs/decisions.md) and holds freed pages for reuse. The rest of the resident memory is the process itself: the idle hub already holds ${formatMb(main.idleRss)} (the Node binary and its libraries, compiled code, the SQLite and HTTP buffers), and what the C allocator keeps of what was freed; the start script caps glibc's arenas at two, without which the largest company's peak was some 15 MB higher (docs/decisions.md). The ways out of an index that grows with the company all cost something the brief forbids or the user feels: writing it to disk stores HR data (DESIGN.md: no PII is stored), and reading each employee's contracts by id instead costs one PayFit call per employee, ${formatCount(largest.collaborators)} calls at 50 a second, some ${formatMs((largest.collaborators / 50) * 1000)} for this company instead of ${formatMs(largest.wallMs)}.`,
      `**tsx.** Run from the sources through tsx (\`npx passerelle start\` in a fresh clone, or after a source changed), the same hub idles at ${formatMb(throughTsx.idleRss)} and peaks at ${formatMb(throughTsx.peakRss)} for ${formatCount(throughTsx.collaborators)} employees in ${formatMs(throughTsx.wallMs)}: esbuild's loader and the TypeScript sources, and no heap flags, which \`npm start\` has.`,
    )
  }
  return paragraphs
}

/**
 * What the target leaves the pages after the first, against what they took: the first page waits
 * for the contract walk, which PayFit's pace sets, so the rest is the hub's work per page.
 */
function againstTarget(main: Walk, tailPerPageMs: number, targetRatio: number): string {
  const allowedMs = targetRatio * main.directMs
  const tailPages = Math.max(1, main.pages - 1)
  const budgetPerPageMs = (allowedMs - main.firstPageMs) / tailPages
  const opening = `**Against the target.** Within ${formatRatio(targetRatio)} of the direct walk, the whole read has ${formatMs(allowedMs)}. The first page alone came at ${formatRatio(ratio(main.firstPageMs, main.directMs))} of the direct walk`
  if (budgetPerPageMs <= 0) return `${opening}, so the contract walk alone used that time.`
  const verdict =
    tailPerPageMs <= budgetPerPageMs
      ? 'Here it does.'
      : `Here a page would have to cost ${formatRatio(ratio(budgetPerPageMs, tailPerPageMs))} of what it does.`
  const allHeld =
    main.pages <= pagesHeld
      ? ' No page can be answered before the contract walk ends, and by then every collaborator page had been read, so only a cheaper page brings the read closer.'
      : ''
  return `${opening}, which leaves the ${formatCount(tailPages)} pages after it ${formatMs(budgetPerPageMs)} each; they took ${formatMs(tailPerPageMs)}. That time is CPU: the hub's for each page (P1 measures and breaks down the same work: the request, the account, PayFit's page checked and mapped, the StackOne page written) and the client's to parse it. ${verdict} Part of the hub's share is the garbage collector, which the start script's heap flags make run more often in exchange for memory (docs/decisions.md: about 13 % fewer cold pages a second in P1's load, for some 45 MB less at the peak of a read of 10,000 employees).${allHeld}`
}

/**
 * How far one walk's peak is from the next one's: the same company walked again peaks elsewhere
 * (when V8 collects, what the C allocator keeps), and the flatness target compares single walks.
 */
function spreadOf(timedWalks: Walk[]): string {
  if (timedWalks.length < 2) return ''
  const peaks = timedWalks.map((walk) => walk.peakRss)
  const lowest = Math.min(...peaks)
  const highest = Math.max(...peaks)
  const employees = formatCount(timedWalks[0]?.collaborators ?? 0)
  return ` One walk's peak is not a fixed figure: the ${String(timedWalks.length)} walks of ${employees} employees in this run peaked between ${formatMb(lowest)} and ${formatMb(highest)} (${formatRatio(ratio(highest, lowest))}), depending on when V8 collected and what the C allocator kept, and the flatness ratio divides one walk's peak by another's.`
}
