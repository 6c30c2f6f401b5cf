/**
 * Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`: the
 * one way tests wait for something to happen, on a condition with a deadline, never a sleep.
 */
export async function waitFor<T>(
  description: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${description}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
