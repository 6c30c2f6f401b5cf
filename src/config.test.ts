import { describe, expect, it } from 'vitest'

import { ConfigError, loadConfig, parseMasterKey, resolveConfig } from './config.ts'

function configError(run: () => unknown): ConfigError {
  try {
    run()
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('loadConfig', () => {
  it('applies the documented defaults when nothing is set', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: './data',
      databaseUrl: 'sqlite://data/passerelle.db',
      masterKey: null,
      bootstrapApiKey: null,
      payfitApiUrl: 'https://partner-api.payfit.com',
      payfitOauthUrl: 'https://oauth.payfit.com',
      publicUrl: null,
      logLevel: 'info',
    })
  })

  it('lets a flag override the environment variable', () => {
    const config = loadConfig({ PORT: '4000', DATA_DIR: '/srv/a' }, { PORT: '5000' })
    expect(config.port).toBe(5000)
    expect(config.databaseUrl).toBe('sqlite:///srv/a/passerelle.db')
  })

  it('strips a trailing slash from URLs', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://hub.example.com/',
      PAYFIT_API_URL: 'http://127.0.0.1:9/',
    })
    expect(config.publicUrl).toBe('https://hub.example.com')
    expect(config.payfitApiUrl).toBe('http://127.0.0.1:9')
  })

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '0x1F90' }],
    ['PORT', { PORT: '3000.5' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'ftp://hub.example.com' }],
    ['PAYFIT_OAUTH_URL', { PAYFIT_OAUTH_URL: 'not a url' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['PASSERELLE_MASTER_KEY', { PASSERELLE_MASTER_KEY: 'too-short' }],
    ['PASSERELLE_API_KEY', { PASSERELLE_API_KEY: 'short' }],
    ['PASSERELLE_API_KEY', { PASSERELLE_API_KEY: 'k'.repeat(31) }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://db/passerelle' }],
  ])('names %s when its value is wrong', (variable, env) => {
    const error = configError(() => loadConfig(env))
    expect(error.source).toBe(variable)
    expect(error.message.startsWith(`${variable}: `)).toBe(true)
  })

  it('accepts a bootstrap API key of 32 characters, in the environment or in code', () => {
    const key = 'k'.repeat(32)
    expect(loadConfig({ PASSERELLE_API_KEY: key }).bootstrapApiKey).toBe(key)
    expect(resolveConfig({ bootstrapApiKey: key }).bootstrapApiKey).toBe(key)
    expect(configError(() => resolveConfig({ bootstrapApiKey: key.slice(1) })).source).toBe(
      'bootstrapApiKey',
    )
  })

  it('treats an empty PORT as unset, so the hub takes its default port', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000)
  })

  it('names the flag, not the variable, when the bad value came from a flag', () => {
    expect(configError(() => loadConfig({}, { PORT: '-1' })).source).toBe('--port')
  })

  it('refuses a PostgreSQL URL with a clear message for now', () => {
    const error = configError(() => loadConfig({ DATABASE_URL: 'postgres://db/passerelle' }))
    expect(error.source).toBe('DATABASE_URL')
    expect(error.message).toContain('PostgreSQL support is not available yet')
  })
})

describe('parseMasterKey', () => {
  const bytes = Buffer.from(Array.from({ length: 32 }, (_, index) => index))

  it('reads 32 bytes written in hex or in base64', () => {
    expect(parseMasterKey(bytes.toString('hex')).equals(bytes)).toBe(true)
    expect(parseMasterKey(bytes.toString('base64')).equals(bytes)).toBe(true)
    expect(parseMasterKey(bytes.toString('base64url')).equals(bytes)).toBe(true)
  })

  it('refuses keys of another length', () => {
    expect(() => parseMasterKey(Buffer.alloc(16).toString('base64'))).toThrow(ConfigError)
  })
})

describe('resolveConfig', () => {
  it('derives the database URL from the data directory given in code', () => {
    expect(resolveConfig({ dataDir: '/tmp/x' }).databaseUrl).toBe('sqlite:///tmp/x/passerelle.db')
  })
})
