import { createHmac } from 'node:crypto'
import type { AddressInfo } from 'node:net'

import type { FastifyInstance } from 'fastify'

import { createAccountService, type ConnectorCatalog } from './accounts/accounts.ts'
import {
  connectSessionFor,
  createConnectSessionService,
  type NewConnectSession,
} from './accounts/connect-sessions.ts'
import { createProjectService, defaultProjectName, type Project } from './accounts/projects.ts'
import { resolveConfig, type HubConfig } from './config.ts'
import { createConnectorRegistry } from './connectors/registry.ts'
import { buildApp } from './http/app.ts'
import { createIdempotency } from './http/idempotency.ts'
import type { ApiRoutes, HubServices } from './http/services.ts'
import {
  createPendingEmploymentRecords,
  withPendingEmployments,
} from './accounts/pending-employments.ts'
import { unifiedHrisRoutes } from './http/unified/routes.ts'
import { unifiedWriteRoutes } from './http/unified/writes.ts'
import { registerLinkRoutes } from './link/routes.ts'
import { createLogger, type Logger } from './log.ts'
import { openStore, type Store } from './store/database.ts'
import type { AuthThrottleOptions } from './http/auth-throttle.ts'
import { loadMasterKeys } from './vault/master-key.ts'
import { refuseUnknownVaultKeys } from './vault/rotation.ts'
import { createVault, type Vault } from './vault/vault.ts'

export interface StartHubOptions extends Partial<HubConfig> {
  /** Defaults to a pino logger at `logLevel` on stdout. */
  logger?: Logger
  /** The clock used for expiries and timestamps; tests move it instead of sleeping. */
  now?: () => Date
  /** Defaults to the registry of built-in connectors, each set up from the config. */
  connectors?: ConnectorCatalog
  /** Upper bound for one provider call while verifying credentials. */
  providerTimeoutMs?: number
  /** Extra API routes behind API-key authentication (the unified HRIS API plugs in here). */
  apiRoutes?: ApiRoutes[]
  /** When repeated failed authentication is refused with 429 (defaults in http/auth-throttle.ts). */
  authThrottle?: Partial<AuthThrottleOptions>
}

export interface Hub {
  /** The URL the server listens on, e.g. `http://127.0.0.1:41234`. */
  url: string
  /** Base of the links handed out: `PUBLIC_URL`, else `http://localhost:<port>` on a loopback host. */
  publicUrl: string
  config: HubConfig
  services: HubServices
  /** Mints a project API key (the project is created when missing); the key is shown once. */
  createProjectKey(projectName?: string): Promise<{ apiKey: string; project: Project }>
  /** Creates a connect session as `POST /connect_sessions` would, returning its Link URL. */
  createConnectSession(
    project: Project,
    session: Partial<NewConnectSession> & { originOwnerId: string; originOwnerName: string },
  ): Promise<{ id: number; token: string; linkUrl: string; expiresAt: string }>
  close(): Promise<void>
}

const defaultProviderTimeoutMs = 10_000

/** Opens the store, the vault and the HTTP server; resolves once it listens. */
export async function startHub(options: StartHubOptions = {}): Promise<Hub> {
  const { logger: givenLogger, now = () => new Date(), authThrottle, ...rest } = options
  const config = resolveConfig(rest)
  const logger = givenLogger ?? createLogger({ level: config.logLevel })

  const keyring = loadMasterKeys({ configured: config.masterKey, dataDir: config.dataDir, logger })
  const vault = createVault(keyring.keys)
  const [masterKey] = keyring.keys
  if (masterKey === undefined) throw new Error('The master keyring is empty')
  const store = await openStore(config.databaseUrl)
  let publicUrl = config.publicUrl ?? ''
  const services = assembleServices({
    config,
    store,
    vault,
    now,
    logger,
    connectors: options.connectors,
    providerTimeoutMs: options.providerTimeoutMs,
    publicUrl: () => publicUrl,
  })

  let app: FastifyInstance | undefined
  try {
    await refuseUnknownVaultKeys(store.accounts, vault, keyring.source)
    if (config.bootstrapApiKey !== null) {
      await services.projects.registerApiKey(config.bootstrapApiKey, defaultProjectName)
    }
    // Cursors outlive a restart and work on every instance sharing the master key.
    const cursorSecret = createHmac('sha256', masterKey)
      .update('passerelle unified cursors')
      .digest()
    app = await buildApp({
      services,
      logger,
      apiRoutes: [
        unifiedHrisRoutes({ cursorSecret }),
        unifiedWriteRoutes({ idempotency: createIdempotency(store.idempotencyKeys, now) }),
        ...(options.apiRoutes ?? []),
      ],
      pageRoutes: [registerLinkRoutes],
      authThrottle,
    })
    await app.listen({
      port: config.port,
      host: config.host,
      listenTextResolver: (address) => `passerelle hub listening on ${address}`,
    })
    const address = app.server.address() as AddressInfo
    const url = listeningUrl(address, config.host)
    publicUrl = config.publicUrl ?? defaultPublicUrl(address, config.host, url)
    return hubHandle({ url, publicUrl, config, services, app, store })
  } catch (error) {
    await app?.close()
    await store.close()
    throw error
  }
}

/** The domain services over the store, with the connectors (and pending employments) wired in. */
function assembleServices(parts: {
  config: HubConfig
  store: Store
  vault: Vault
  now: () => Date
  logger: Logger
  connectors: ConnectorCatalog | undefined
  providerTimeoutMs: number | undefined
  publicUrl: () => string
}): HubServices {
  const { config, store, vault, now, logger } = parts
  const providerConnectors =
    parts.connectors ??
    createConnectorRegistry({
      config,
      logger,
      timeoutMs: parts.providerTimeoutMs ?? defaultProviderTimeoutMs,
    })
  const connectors = withPendingEmployments(
    providerConnectors,
    createPendingEmploymentRecords(store.pendingEmployments, now),
  )
  return {
    projects: createProjectService(store, now),
    connectSessions: createConnectSessionService(store, now),
    accounts: createAccountService({ store, vault, connectors, now }),
    connectors,
    publicUrl: parts.publicUrl,
    now,
    logger,
  }
}

/** What `startHub` answers: addresses, services, the demo's shortcuts, and `close`. */
function hubHandle(parts: {
  url: string
  publicUrl: string
  config: HubConfig
  services: HubServices
  app: FastifyInstance
  store: Store
}): Hub {
  const { url, publicUrl, config, services, app, store } = parts
  return {
    url,
    publicUrl,
    config,
    services,
    createProjectKey: (projectName) => services.projects.createApiKey(projectName),
    async createConnectSession(project, session) {
      const created = await services.connectSessions.create(project.id, connectSessionFor(session))
      return {
        id: created.session.id,
        token: created.token,
        linkUrl: `${publicUrl}/link?token=${encodeURIComponent(created.token)}`,
        expiresAt: created.session.expiresAt,
      }
    },
    async close() {
      for (const connector of services.connectors.list()) connector.hris?.close?.()
      await app.close()
      await store.close()
    },
  }
}

function listeningUrl(address: AddressInfo, host: string): string {
  const wildcard = host === '0.0.0.0' || host === '::'
  const shownHost = wildcard
    ? 'localhost'
    : address.family === 'IPv6'
      ? `[${address.address}]`
      : address.address
  return `http://${shownHost}:${address.port}`
}

/** `http://localhost:<port>` when browsers on this machine reach us that way, else where we listen. */
function defaultPublicUrl(address: AddressInfo, host: string, url: string): string {
  const local = ['127.0.0.1', '::1', 'localhost', '0.0.0.0', '::'].includes(host)
  return local ? `http://localhost:${address.port}` : url
}
