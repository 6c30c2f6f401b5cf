import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { startHub, type Hub } from '../hub.ts'
import { createLogger } from '../log.ts'
import { startSandbox, sandboxSummary, type RunningSandbox } from '../sandbox/index.ts'
import { portTaken, wholeNumber } from './flags.ts'
import { waitForStopSignal } from './signals.ts'

const usage = `Usage: passerelle demo [options]

Starts the PayFit sandbox and a hub pointed at it (SQLite in a fresh data directory), registers
a project API key, opens a connect session and prints what to do next.

Options:
  --port <n>        the hub's port (default 3000; 0 picks a free port)
  --employees <n>   collaborators in the sandbox's French company (default 120)
  --seed <n>        the sandbox's data seed (default 1)
  --json            print one JSON line instead of the guide
  --keep-data       keep the data directory when the demo stops (it is removed by default)
  -h, --help        show this help`

const options = {
  port: { type: 'string' },
  employees: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean' },
  'keep-data': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

interface DemoOptions {
  port: number
  employees: number
  seed: number
  json: boolean
  keepData: boolean
}

/** A connect session for the demo lasts a day, so the printed link stays usable. */
const demoSessionSeconds = 24 * 60 * 60

export async function run(argv: string[]): Promise<number> {
  let demo: DemoOptions
  try {
    const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false })
    if (values.help === true) {
      console.log(usage)
      return 0
    }
    demo = {
      port: wholeNumber(values.port, '--port', 3000, 0, 65535),
      employees: wholeNumber(values.employees, '--employees', 120, 1, 100_000),
      seed: wholeNumber(values.seed, '--seed', 1, 0, 4294967295),
      json: values.json === true,
      keepData: values['keep-data'] === true,
    }
  } catch (error) {
    console.error(`passerelle demo: ${error instanceof Error ? error.message : String(error)}`)
    console.error('Run "passerelle demo --help" for the options.')
    return 2
  }

  const stopSignal = waitForStopSignal()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-demo-'))
  const logFile = path.join(dataDir, 'hub.log')
  const sandbox = await startSandbox({ port: 0, seed: demo.seed, employees: demo.employees })
  let hub: Hub
  try {
    hub = await startHub({
      port: demo.port,
      host: '127.0.0.1',
      dataDir,
      payfitApiUrl: sandbox.url,
      payfitOauthUrl: sandbox.url,
      // One host name in every printed URL; with port 0 the port is only known once listening.
      ...(demo.port === 0 ? {} : { publicUrl: `http://127.0.0.1:${String(demo.port)}` }),
      logger: createLogger({ destination: fs.createWriteStream(logFile, { flags: 'a' }) }),
    })
  } catch (error) {
    await sandbox.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
    const reason = portTaken(error) ?? String(error)
    console.error(`passerelle demo: cannot start the hub: ${reason}`)
    return 1
  }

  const { apiKey, project } = await hub.createProjectKey('demo')
  const session = await hub.createConnectSession(project, {
    originOwnerId: 'demo-customer',
    originOwnerName: 'Demo Customer',
    expiresInSeconds: demoSessionSeconds,
  })

  if (demo.json) {
    console.log(
      JSON.stringify({
        hub_url: hub.url,
        api_key: apiKey,
        link_url: session.linkUrl,
        data_dir: dataDir,
        sandbox: sandboxSummary(sandbox),
      }),
    )
  } else {
    console.log(
      guide({
        hub,
        apiKey,
        linkUrl: session.linkUrl,
        dataDir,
        logFile,
        sandbox,
        keepData: demo.keepData,
      }),
    )
  }

  await stopSignal
  await hub.close()
  await sandbox.close()
  if (!demo.keepData) fs.rmSync(dataDir, { recursive: true, force: true })
  // On stderr, so that `--json` output stays one line.
  console.error(
    demo.keepData
      ? `Demo stopped; its data is kept in ${dataDir}`
      : 'Demo stopped; its data was removed',
  )
  return 0
}

function guide(demo: {
  hub: Hub
  apiKey: string
  linkUrl: string
  dataDir: string
  logFile: string
  sandbox: RunningSandbox
  keepData: boolean
}): string {
  const company = demo.sandbox.companies[0]
  const keys = company === undefined ? [] : Object.entries(company.keys)
  const auth = `-u '${demo.apiKey}:'`
  return [
    'Passerelle demo is running.',
    '',
    `  Hub             ${demo.hub.url}`,
    `  Project API key ${demo.apiKey}`,
    `  Data directory  ${demo.dataDir} (hub log: ${demo.logFile}; ${demo.keepData ? 'kept' : 'removed'} when the demo stops)`,
    `  PayFit sandbox  ${demo.sandbox.url}${company === undefined ? '' : ` (company "${company.name}", ${company.id})`}`,
    '',
    '1. Open the Link Account page, as your customer would:',
    '',
    `   ${demo.linkUrl}`,
    '',
    '2. Paste one of the sandbox PayFit keys and click Connect:',
    '',
    ...keys.map(([kind, key]) => `   ${kind.padEnd(10)} ${key}  ${keyHints[kind] ?? ''}`),
    '',
    '   Use "full" to try everything: "guide" links cleanly but, like a key made by the guide,',
    '   cannot read time off (time:read) or payslips (contracts:payslips:read).',
    '',
    '3. See the linked account, keep its id, then read through the unified API:',
    '',
    `   curl -s ${auth} ${demo.hub.url}/accounts`,
    `   ACCOUNT=$(curl -s ${auth} ${demo.hub.url}/accounts | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8"))[0].id')`,
    `   curl -s ${auth} -H "x-account-id: $ACCOUNT" '${demo.hub.url}/unified/hris/employees?page_size=5'`,
    `   curl -s ${auth} -H "x-account-id: $ACCOUNT" '${demo.hub.url}/unified/hris/employments?page_size=5'`,
    `   curl -s ${auth} -H "x-account-id: $ACCOUNT" '${demo.hub.url}/unified/hris/time_off?page_size=5'`,
    '',
    '   Every route, writes included: docs/unified-api.md and docs/writes.md.',
    '',
    '   A new Link page for another customer:',
    '',
    `   curl -s ${auth} -H 'content-type: application/json' \\`,
    `     -d '{"origin_owner_id":"acme","origin_owner_name":"Acme"}' ${demo.hub.url}/connect_sessions`,
    '',
    'Press Ctrl+C to stop.',
  ].join('\n')
}

const keyHints: Record<string, string> = {
  full: '(every scope)',
  guide: '(exactly the nine scopes the Link page asks for)',
  read_only: '(collaborators:read only: refused, missing scopes listed)',
  revoked: '(revoked: refused)',
}
