import { describe, expect, it } from 'vitest'

import { createLogger } from '../log.ts'
import { createConnectorRegistry } from './registry.ts'

const logger = createLogger({ level: 'silent' })

describe('connector registry', () => {
  it('finds the PayFit connector by provider key and lists it', () => {
    const registry = createConnectorRegistry({
      payfit: { urls: { api: 'http://127.0.0.1:1', oauth: 'http://127.0.0.1:1' }, logger },
    })
    expect(registry.get('payfit')?.descriptor.name).toBe('PayFit')
    expect(registry.list().map((connector) => connector.descriptor.provider)).toEqual(['payfit'])
  })

  it('answers undefined for a provider it does not know', () => {
    const registry = createConnectorRegistry({ payfit: { urls: {}, logger } })
    expect(registry.get('workday')).toBeUndefined()
  })
})
