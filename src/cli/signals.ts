/**
 * Resolves on the first SIGINT, SIGTERM or SIGHUP (the terminal closed), so a command can close
 * its servers cleanly and remove what it created.
 *
 * Call it before printing anything a supervisor waits for: a signal sent right after the
 * "ready" line is delivered as soon as that write returns, and with no handler installed yet
 * the process would die with the default action instead of closing.
 */
const stopSignals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

export function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      for (const name of stopSignals) process.off(name, stop)
      resolve(signal)
    }
    for (const name of stopSignals) process.on(name, stop)
  })
}
