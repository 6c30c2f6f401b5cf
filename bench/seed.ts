import type { ConnectSession } from '../src/accounts/connect-sessions.ts'
import { createPayfitConnector } from '../src/connectors/payfit/index.ts'
import type { Connector, VerifiedAccount } from '../src/connectors/types.ts'
import { startHub } from '../src/hub.ts'
import { createLogger } from '../src/log.ts'

export interface SeededData {
  /** The project API key (HTTP Basic user name) the accounts belong to. */
  apiKey: string
  accountIds: string[]
}

/**
 * Links `count` accounts into the SQLite database of `dataDir` without HTTP: an in-process hub
 * (closed before returning) runs the account service's own `link()` — the same validation,
 * vault sealing and insert as `POST /hub/accounts` — with a connector that verifies each
 * distinct PayFit key once against the sandbox and reuses that answer. Account `i` gets owner
 * `owner-i` and PayFit key `keys[i % keys.length]`.
 */
export async function seedAccounts(options: {
  dataDir: string
  sandboxUrl: string
  keys: readonly string[]
  count: number
  onProgress?: (done: number) => void
}): Promise<SeededData> {
  const logger = createLogger({ level: 'silent' })
  const real = createPayfitConnector({
    urls: { api: options.sandboxUrl, oauth: options.sandboxUrl },
    logger,
  })
  const verified = new Map<string, Promise<VerifiedAccount>>()
  const connector: Connector = {
    ...real,
    verify(credentials) {
      const key = credentials.api_key ?? ''
      const known = verified.get(key) ?? real.verify(credentials)
      verified.set(key, known)
      return known
    },
  }

  const hub = await startHub({
    port: 0,
    host: '127.0.0.1',
    dataDir: options.dataDir,
    payfitApiUrl: options.sandboxUrl,
    payfitOauthUrl: options.sandboxUrl,
    logger,
    connectors: {
      get: (name) => (name === 'payfit' ? connector : undefined),
      list: () => [connector],
    },
  })
  try {
    const { apiKey, project } = await hub.createProjectKey('bench')
    const created = await hub.createConnectSession(project, {
      originOwnerId: 'owner-0',
      originOwnerName: 'Bench owner',
    })
    const session: ConnectSession = await hub.services.connectSessions.open(created.token)
    const accountIds: string[] = []
    for (let index = 0; index < options.count; index += 1) {
      const key = options.keys[index % options.keys.length] ?? ''
      const owner = { ...session, originOwnerId: `owner-${String(index)}` }
      const { account } = await hub.services.accounts.link(owner, 'payfit', { api_key: key })
      accountIds.push(account.id)
      if ((index + 1) % 1000 === 0) options.onProgress?.(index + 1)
    }
    return { apiKey, accountIds }
  } finally {
    await hub.close()
  }
}
