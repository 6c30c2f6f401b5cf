/** A command-line mistake: the command prints it with a pointer to --help and exits 2. */
export class UsageError extends Error {}

/** Parses a flag of decimal digits only (no sign, fraction or exponent) within [min, max]. */
export function wholeNumber(
  value: string | undefined,
  flag: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback
  const parsed = Number(value)
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
    throw new UsageError(
      `${flag} must be a whole number from ${String(min)} to ${String(max)}, not "${value}".`,
    )
  }
  return parsed
}

/** What a command taking `--port` says when its port is taken; undefined for any other error. */
export function portTaken(error: unknown): string | undefined {
  const { code, address, port } = error as { code?: unknown; address?: unknown; port?: unknown }
  if (code !== 'EADDRINUSE') return undefined
  return `port ${String(port)} of ${String(address)} is already in use; pick another with --port, or 0 for a free one`
}
