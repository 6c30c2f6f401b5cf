/** Pure numeric helpers shared by the scenarios and the report. */

/** The p-th percentile (0..100) by nearest rank; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN
}

/** The middle value, or the mean of the two middle values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const upper = sorted[middle] ?? Number.NaN
  if (sorted.length % 2 === 1) return upper
  return ((sorted[middle - 1] ?? Number.NaN) + upper) / 2
}

/** `measured / reference`, NaN when the reference is zero or missing. */
export function ratio(measured: number, reference: number): number {
  if (!Number.isFinite(measured) || !Number.isFinite(reference) || reference === 0)
    return Number.NaN
  return measured / reference
}

/** `1.07×`, or `n/a` when the ratio could not be computed. */
export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a'
}

/** Milliseconds with a precision that suits their size. */
export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return 'n/a'
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`
  if (value >= 100) return `${value.toFixed(0)} ms`
  if (value >= 10) return `${value.toFixed(1)} ms`
  return `${value.toFixed(2)} ms`
}

export function formatMb(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : 'n/a'
}

export function formatCount(value: number, digits = 0): string {
  return Number.isFinite(value)
    ? value.toLocaleString('en-US', {
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      })
    : 'n/a'
}

export interface ReadFloor {
  collaboratorPages: number
  contractPages: number
  /** The brief's floor: one collaborator page after another. */
  pagesOnlyMs: number
  /**
   * The floor when the join also needs every contract page: both walks are sequential chains of
   * their own, so at best they run side by side and the longer one sets the time.
   */
  withContractsMs: number
}

/** The least wall time a full read can take when every PayFit call costs `latencyMs`. */
export function fullReadFloor(
  employees: number,
  contracts: number,
  latencyMs: number,
  pageSize = 50,
): ReadFloor {
  const collaboratorPages = Math.max(1, Math.ceil(employees / pageSize))
  const contractPages = Math.max(1, Math.ceil(contracts / pageSize))
  return {
    collaboratorPages,
    contractPages,
    pagesOnlyMs: collaboratorPages * latencyMs,
    withContractsMs: Math.max(collaboratorPages, contractPages) * latencyMs,
  }
}

/** The largest value divided by the smallest: 1 means perfectly flat. */
export function spread(values: readonly number[]): number {
  const finite = values.filter((value) => Number.isFinite(value) && value > 0)
  if (finite.length === 0) return Number.NaN
  return Math.max(...finite) / Math.min(...finite)
}
