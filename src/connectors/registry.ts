import type { HubConfig } from '../config.ts'
import type { Logger } from '../log.ts'
import { createPayfitConnectorFromConfig } from './payfit/index.ts'
import type { Connector } from './types.ts'

export interface ConnectorRegistry {
  get(provider: string): Connector | undefined
  list(): Connector[]
}

/** What the hub hands every connector module; each derives its own settings from it. */
export interface ConnectorContext {
  config: HubConfig
  logger: Logger
  /** Upper bound for one provider call while verifying credentials. */
  timeoutMs: number
}

/** The one place that knows which connectors exist; a new provider is one more line here. */
const connectorModules: ((context: ConnectorContext) => Connector)[] = [
  createPayfitConnectorFromConfig,
]

export function createConnectorRegistry(context: ConnectorContext): ConnectorRegistry {
  const connectors = new Map<string, Connector>(
    connectorModules.map((create) => {
      const connector = create(context)
      return [connector.descriptor.provider, connector]
    }),
  )
  return {
    get: (provider) => connectors.get(provider),
    list: () => [...connectors.values()],
  }
}
