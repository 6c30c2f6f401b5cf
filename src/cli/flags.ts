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
