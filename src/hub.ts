import { createHmac } from 'node:crypto'
import type { AddressInfo } from 'node:net'

import type { FastifyInstance } from 'fastify'

import { createAccountService, type ConnectorCatalog } from './accounts/accounts.ts'
import { createConnectSessionService, type NewConnectSession } from './accounts/connect-sessions.ts'
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
import { openStore } from './store/database.ts'
import type { AuthThrottleOptions } from './http/auth-throttle.ts'
import { loadMasterKeys } from './vault/master-key.ts'
import { refuseUnknownVaultKeys } from './vault/rotation.ts'
import { createVault } from './vault/vault.ts'

export interface StartHubOptions extends Partial<HubConfig> {
  /** Defaults to a pino logger at `logLevel` on stdout. */
  logger?: Logger
  /** The clock used for expiries and timestamps; tests move it instead of sleeping. */
  now?: () => Date
  /** Defaults to the registry of built-in connectors, pointed at the PayFit URLs. */
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
  const {
    logger: givenLogger,
    now = () => new Date(),
    connectors: givenConnectors,
    authThrottle,
    ...rest
  } = options
  const config = resolveConfig(rest)
  const logger = givenLogger ?? createLogger({ level: config.logLevel })

  const keyring = loadMasterKeys({
    configured: config.masterKey,
    dataDir: config.dataDir,
    logger,
  })
  const vault = createVault(keyring.keys)
  const [masterKey] = keyring.keys
  if (masterKey === undefined) throw new Error('The master keyring is empty')
  // Cursors outlive a restart and work on every instance sharing the master key.
  const cursorSecret = createHmac('sha256', masterKey).update('passerelle unified cursors').digest()
  const store = await openStore(config.databaseUrl)
  const providerConnectors =
    givenConnectors ??
    createConnectorRegistry({
      payfit: {
        urls: { api: config.payfitApiUrl, oauth: config.payfitOauthUrl },
        logger: logger.child({ module: 'connectors.payfit' }),
        timeoutMs: options.providerTimeoutMs ?? defaultProviderTimeoutMs,
      },
    })

  const connectors = withPendingEmployments(
    providerConnectors,
    createPendingEmploymentRecords(store.pendingEmployments, now),
  )

  let publicUrl = config.publicUrl ?? ''
  const projects = createProjectService(store, now)
  const connectSessions = createConnectSessionService(store, now)
  const services: HubServices = {
    projects,
    connectSessions,
    accounts: createAccountService({ store, vault, connectors, now }),
    connectors,
    publicUrl: () => publicUrl,
    now,
    logger,
  }

  let app: FastifyInstance | undefined
  try {
    await refuseUnknownVaultKeys(store.accounts, vault, keyring.source)
    if (config.bootstrapApiKey !== null) {
      await projects.registerApiKey(config.bootstrapApiKey, defaultProjectName)
    }
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
    const server = app
    await server.listen({
      port: config.port,
      host: config.host,
      listenTextResolver: (address) => `passerelle hub listening on ${address}`,
    })
    const address = server.server.address() as AddressInfo
    const url = listeningUrl(address, config.host)
    publicUrl = config.publicUrl ?? defaultPublicUrl(address, config.host, url)

    return {
      url,
      publicUrl,
      config,
      services,
      createProjectKey: (projectName) => projects.createApiKey(projectName),
      async createConnectSession(project, session) {
        const created = await connectSessions.create(project.id, {
          originUsername: null,
          provider: null,
          providerVersion: null,
          categories: null,
          accountId: null,
          label: null,
          metadata: null,
          multiple: false,
          type: null,
          returnUrl: null,
          expiresInSeconds: 1800,
          ...session,
        })
        return {
          id: created.session.id,
          token: created.token,
          linkUrl: `${publicUrl}/link?token=${encodeURIComponent(created.token)}`,
          expiresAt: created.session.expiresAt,
        }
      },
      async close() {
        await server.close()
        await store.close()
      },
    }
  } catch (error) {
    await app?.close()
    await store.close()
    throw error
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
