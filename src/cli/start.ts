import { parseArgs } from 'node:util'

import { ConfigError, flagsByVariable, loadConfig } from '../config.ts'
import { startHub } from '../hub.ts'
import { createLogger } from '../log.ts'
import { waitForStopSignal } from './signals.ts'

type Variable = keyof typeof flagsByVariable

const usage = `Usage: passerelle start [options]

Runs the hub. Every option can also be set with the environment variable shown; a flag wins.

${(Object.entries(flagsByVariable) as [Variable, string][])
  .map(([variable, flag]) => `  ${`${flag} <value>`.padEnd(28)}${variable}`)
  .join('\n')}

By default the hub talks to PayFit's real hosts. To try it offline, run \`passerelle sandbox\`
and point --payfit-api-url and --payfit-oauth-url at it. See docs/configuration.md for every
default.`

/** Parses `--flag value` pairs into configuration keyed by variable; throws ConfigError on misuse. */
export function parseConfigFlags(argv: string[]): {
  help: boolean
  flags: Partial<Record<Variable, string>>
} {
  const options = Object.fromEntries(
    Object.values(flagsByVariable).map((flag) => [flag.slice(2), { type: 'string' as const }]),
  )
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    })
  } catch (error) {
    throw new ConfigError('command line', error instanceof Error ? error.message : String(error))
  }

  const flags: Partial<Record<Variable, string>> = {}
  for (const [variable, flag] of Object.entries(flagsByVariable) as [Variable, string][]) {
    const value = (parsed.values as Record<string, string | boolean | undefined>)[flag.slice(2)]
    if (typeof value === 'string') flags[variable] = value
  }
  return { help: parsed.values.help === true, flags }
}

export async function run(argv: string[]): Promise<number> {
  let config
  try {
    const { help, flags } = parseConfigFlags(argv)
    if (help) {
      console.log(usage)
      return 0
    }
    config = loadConfig(process.env, flags)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(`Cannot start: ${error.message}`)
    return 2
  }

  const logger = createLogger({ level: config.logLevel })
  const stopSignal = waitForStopSignal()
  let hub
  try {
    hub = await startHub({ ...config, logger })
  } catch (error) {
    const reason =
      error instanceof ConfigError ? error.message : listenFailure(error, config.host, config.port)
    if (reason === undefined) throw error
    console.error(`Cannot start: ${reason}`)
    return 2
  }

  const signal = await stopSignal
  logger.info({ signal }, 'shutting down')
  await hub.close()
  return 0
}

function listenFailure(error: unknown, host: string, port: number): string | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : null
  if (code === 'EADDRINUSE') return `PORT: ${host}:${port} is already in use`
  if (code === 'EACCES') return `PORT: not allowed to listen on ${host}:${port}`
  if (code === 'EADDRNOTAVAIL') return `HOST: ${host} is not an address of this machine`
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `HOST: ${host} does not resolve to an address`
  return undefined
}
