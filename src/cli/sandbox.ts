import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

import { faultConfigSchema, type FaultConfig, type FaultRule } from '../sandbox/faults.ts'
import {
  sandboxSummary,
  startSandbox,
  type RunningSandbox,
  type SandboxOptions,
} from '../sandbox/index.ts'
import { portTaken, UsageError, wholeNumber } from './flags.ts'
import { waitForStopSignal } from './signals.ts'

const help = `Usage: passerelle sandbox [options]

Runs the PayFit sandbox: an emulator of PayFit's API (both the OAuth host's /introspect and the
API host's /companies/... paths) on one port, with seeded fake companies and keys.

Options:
  --port <n>                 port to listen on (default 4010; 0 picks a free port)
  --host <address>           address to bind (default 127.0.0.1)
  --seed <n>                 data seed: the same seed gives the same companies, people and keys (default 1)
  --employees <n>            collaborators in the first company (default 120); others get a tenth
  --countries <list>         one company per country, comma-separated from FR,ES,GB (default FR)
  --today <YYYY-MM-DD>       the sandbox's "today" (default: the real UTC date)
  --reads-per-second <n>     rate limit per key for reads (default 50)
  --writes-per-second <n>    rate limit per key for writes (default 20)
  --contract-delay-ms <n>    how long an initialised contract stays in progress (default 120000)
  --introspection-401        answer 401 instead of {"active":false} for unknown or revoked keys
  --admin-token <token>      token for the /_sandbox admin API (default: derived from the seed)
  --json                     print one JSON line (url, adminToken, companies and keys) first
  -h, --help                 show this help

Faults (off by default; see docs/sandbox.md for the route names):
  --latency-ms <n>           fixed latency added to every request (default 0)
  --jitter-ms <n>            random extra latency, 0..n ms (default 0)
  --fault-route <name>       route the fault flags below apply to (default *, every route)
  --error-rate <p>           share of requests answered with a 5xx, 0..1
  --error-status <code>      500, 502 or 503 for --error-rate (default 503)
  --rate-429 <p>             share of requests answered 429, 0..1
  --burst-429 <n>            answer the next n requests 429
  --slow-body-ms <n>         dribble each response body over n ms
  --reset-rate <p>           share of requests whose connection is reset
  --malformed-json-rate <p>  share of JSON bodies sent malformed
  --truncated-body-rate <p>  share of bodies cut in half
  --repeat-page-token        list pages repeat the nextPageToken they were given
  --extra-fields-rate <p>    share of responses with unknown extra fields
  --unknown-enum-rate <p>    share of responses with enum values PayFit does not document
  --after-apply              the latency, 5xx and resets above strike after the route ran
                             (a write is applied but its answer is lost)
  --faults-file <path>       a JSON fault configuration, as PUT /_sandbox/faults takes it`

const options = {
  port: { type: 'string' },
  host: { type: 'string' },
  seed: { type: 'string' },
  employees: { type: 'string' },
  countries: { type: 'string' },
  today: { type: 'string' },
  'reads-per-second': { type: 'string' },
  'writes-per-second': { type: 'string' },
  'contract-delay-ms': { type: 'string' },
  'introspection-401': { type: 'boolean' },
  'admin-token': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'latency-ms': { type: 'string' },
  'jitter-ms': { type: 'string' },
  'fault-route': { type: 'string' },
  'error-rate': { type: 'string' },
  'error-status': { type: 'string' },
  'rate-429': { type: 'string' },
  'burst-429': { type: 'string' },
  'slow-body-ms': { type: 'string' },
  'reset-rate': { type: 'string' },
  'malformed-json-rate': { type: 'string' },
  'truncated-body-rate': { type: 'string' },
  'repeat-page-token': { type: 'boolean' },
  'extra-fields-rate': { type: 'string' },
  'unknown-enum-rate': { type: 'string' },
  'after-apply': { type: 'boolean' },
  'faults-file': { type: 'string' },
} as const

type Values = ReturnType<typeof parseArgs<{ options: typeof options }>>['values']

export async function run(argv: string[]): Promise<number> {
  let sandboxOptions: SandboxOptions
  let values: Values
  try {
    values = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values
    if (values.help === true) {
      console.log(help)
      return 0
    }
    sandboxOptions = toSandboxOptions(values)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    console.error(
      `passerelle sandbox: ${message}\nRun "passerelle sandbox --help" for the options.`,
    )
    return 2
  }

  const stopSignal = waitForStopSignal()
  let sandbox: RunningSandbox
  try {
    sandbox = await startSandbox(sandboxOptions)
  } catch (error) {
    const code = (error as { code?: unknown }).code
    const reason = portTaken(error) ?? (typeof code === 'string' ? code : 'an unexpected error')
    console.error(`passerelle sandbox: could not start (${reason}).`)
    return 1
  }
  console.log(values.json === true ? JSON.stringify(sandboxSummary(sandbox)) : table(sandbox))
  await stopSignal
  await sandbox.close()
  return 0
}

function toSandboxOptions(values: Values): SandboxOptions {
  const countries = (values.countries ?? 'FR')
    .split(',')
    .map((country) => country.trim().toUpperCase())
  for (const country of countries) {
    if (country !== 'FR' && country !== 'ES' && country !== 'GB') {
      throw new UsageError(`--countries: "${country}" is not one of FR, ES, GB.`)
    }
  }
  const today = values.today
  if (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    throw new UsageError('--today must be a YYYY-MM-DD date.')
  }
  return {
    port: wholeNumber(values.port, '--port', 4010, 0, 65535),
    host: values.host ?? '127.0.0.1',
    seed: wholeNumber(values.seed, '--seed', 1, 0, 4294967295),
    employees: wholeNumber(values.employees, '--employees', 120, 1, 1_000_000),
    countries: countries as Array<'FR' | 'ES' | 'GB'>,
    ...(today === undefined ? {} : { today }),
    rateLimit: {
      readsPerSecond: wholeNumber(values['reads-per-second'], '--reads-per-second', 50, 1, 100_000),
      writesPerSecond: wholeNumber(
        values['writes-per-second'],
        '--writes-per-second',
        20,
        1,
        100_000,
      ),
    },
    contractVisibilityDelayMs: wholeNumber(
      values['contract-delay-ms'],
      '--contract-delay-ms',
      120_000,
      0,
      86_400_000,
    ),
    introspectionUnauthorizedForInactive: values['introspection-401'] === true,
    ...(values['admin-token'] === undefined ? {} : { adminToken: values['admin-token'] }),
    faults: faultsOf(values),
  }
}

function faultsOf(values: Values): FaultConfig {
  const fromFile =
    values['faults-file'] === undefined ? { rules: [] } : readFaultsFile(values['faults-file'])
  const rule: FaultRule = { route: values['fault-route'] ?? '*' }
  const errorRate = rate(values['error-rate'], '--error-rate')
  if (errorRate !== undefined) {
    const status = values['error-status'] ?? '503'
    if (status !== '500' && status !== '502' && status !== '503') {
      throw new UsageError('--error-status must be 500, 502 or 503.')
    }
    rule.errorRates = { [status]: errorRate }
  }
  const set = <K extends keyof FaultRule>(key: K, value: FaultRule[K] | undefined): void => {
    if (value !== undefined) rule[key] = value
  }
  set('tooManyRequestsRate', rate(values['rate-429'], '--rate-429'))
  set('tooManyRequestsBurst', optionalWholeNumber(values['burst-429'], '--burst-429'))
  set('slowBodyMs', optionalWholeNumber(values['slow-body-ms'], '--slow-body-ms'))
  set('resetRate', rate(values['reset-rate'], '--reset-rate'))
  set('malformedJsonRate', rate(values['malformed-json-rate'], '--malformed-json-rate'))
  set('truncatedBodyRate', rate(values['truncated-body-rate'], '--truncated-body-rate'))
  set('repeatNextPageToken', values['repeat-page-token'])
  set('extraFieldsRate', rate(values['extra-fields-rate'], '--extra-fields-rate'))
  set('unknownEnumRate', rate(values['unknown-enum-rate'], '--unknown-enum-rate'))
  set('afterApply', values['after-apply'])

  const latency = {
    fixedMs: wholeNumber(
      values['latency-ms'],
      '--latency-ms',
      fromFile.latency?.fixedMs ?? 0,
      0,
      600_000,
    ),
    jitterMs: wholeNumber(
      values['jitter-ms'],
      '--jitter-ms',
      fromFile.latency?.jitterMs ?? 0,
      0,
      600_000,
    ),
  }
  const hasRule = Object.keys(rule).length > 1
  return { latency, rules: hasRule ? [...fromFile.rules, rule] : fromFile.rules }
}

function readFaultsFile(path: string): FaultConfig {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    throw new UsageError(`--faults-file: cannot read JSON from "${path}".`)
  }
  const parsed = faultConfigSchema.safeParse(json)
  if (!parsed.success) {
    throw new UsageError(
      `--faults-file: invalid at "${parsed.error.issues[0]?.path.join('.') ?? ''}".`,
    )
  }
  return parsed.data
}

function optionalWholeNumber(value: string | undefined, flag: string): number | undefined {
  return value === undefined ? undefined : wholeNumber(value, flag, 0, 0, 600_000)
}

function rate(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const parsed = Number(value)
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
    throw new UsageError(`${flag} must be a number from 0 to 1, not "${value}".`)
  }
  return parsed
}

function table(sandbox: RunningSandbox): string {
  const lines = [
    `PayFit sandbox listening on ${sandbox.url}`,
    `Admin token: ${sandbox.adminToken}`,
    '',
  ]
  for (const company of sandbox.companies) {
    lines.push(`${company.country}  ${company.name}  (company id ${company.id})`)
    for (const [kind, key] of Object.entries(company.keys)) {
      lines.push(`    ${kind.padEnd(10)} ${key}`)
    }
    lines.push('')
  }
  lines.push('Press Ctrl+C to stop.')
  return lines.join('\n')
}
