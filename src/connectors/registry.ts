import { createPayfitConnector } from './payfit/index.ts'
import type { Connector, ConnectorSettings } from './types.ts'

export interface ConnectorRegistry {
  get(provider: string): Connector | undefined
  list(): Connector[]
}

/** The one place that knows which connectors exist; a new provider is one more line here. */
export function createConnectorRegistry(settings: {
  payfit: ConnectorSettings
}): ConnectorRegistry {
  const connectors = new Map<string, Connector>([
    ['payfit', createPayfitConnector(settings.payfit)],
  ])
  return {
    get: (provider) => connectors.get(provider),
    list: () => [...connectors.values()],
  }
}
