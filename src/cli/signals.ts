/**
 * Resolves on the first SIGINT or SIGTERM, so a command can close its servers cleanly.
 *
 * Call it before printing anything a supervisor waits for: a signal sent right after the
 * "ready" line is delivered as soon as that write returns, and with no handler installed yet
 * the process would die with the default action instead of closing.
 */
export function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve(signal)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
