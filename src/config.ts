import path from 'node:path'

import { z } from 'zod'

/** Everything the hub needs to start, after validation and defaults. */
export interface HubConfig {
  port: number
  host: string
  dataDir: string
  /** `sqlite://<path>`; the path may be relative to the working directory. */
  databaseUrl: string
  /** 32 bytes; null means "use (or create) the key file in `dataDir`". */
  masterKey: Buffer | null
  /** Registered for the default project at start when set. */
  bootstrapApiKey: string | null
  payfitApiUrl: string
  payfitOauthUrl: string
  /** Base of the links we hand out (`auth_link_url`, logos); null means the listening URL. */
  publicUrl: string | null
  logLevel: string
}

/** A setting that stops the start; `source` is the variable or flag to fix. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`)
    this.name = 'ConfigError'
  }
}

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .transform((url) => url.replace(/\/+$/, ''))

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : value))

/*
 * The bootstrap key is chosen by the operator yet hashed with a fast SHA-256 like our random
 * keys (accounts/secrets.ts): 32 characters leave an offline guess of its hash hopeless even
 * for a key written by hand, where 16 random-looking characters might not be.
 */
const minBootstrapKeyLength = 32

/** Keys are the environment variables; a flag sets the same key (see `flagsByVariable`). */
const environmentSchema = z.object({
  PORT: z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? '3000' : value.trim()))
    .pipe(z.string().regex(/^\d+$/, 'must be a port number (decimal digits)'))
    .transform(Number)
    .pipe(z.number().max(65535, 'must be between 0 and 65535')),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  DATABASE_URL: optionalText,
  PASSERELLE_MASTER_KEY: optionalText,
  PASSERELLE_API_KEY: optionalText.pipe(
    z
      .string()
      .min(minBootstrapKeyLength, `must be at least ${minBootstrapKeyLength} characters long`)
      .optional(),
  ),
  PAYFIT_API_URL: httpUrl.default('https://partner-api.payfit.com'),
  PAYFIT_OAUTH_URL: httpUrl.default('https://oauth.payfit.com'),
  PUBLIC_URL: optionalText.pipe(httpUrl.optional()),
  LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).default('info'),
})

type EnvironmentVariable = keyof typeof environmentSchema.shape

export const flagsByVariable: Record<EnvironmentVariable, string> = {
  PORT: '--port',
  HOST: '--host',
  DATA_DIR: '--data-dir',
  DATABASE_URL: '--database-url',
  PASSERELLE_MASTER_KEY: '--master-key',
  PASSERELLE_API_KEY: '--api-key',
  PAYFIT_API_URL: '--payfit-api-url',
  PAYFIT_OAUTH_URL: '--payfit-oauth-url',
  PUBLIC_URL: '--public-url',
  LOG_LEVEL: '--log-level',
}

/**
 * Reads the configuration from environment variables, with flags (keyed by variable name)
 * taking precedence. Throws `ConfigError` naming the first variable or flag that is wrong.
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  flags: Partial<Record<EnvironmentVariable, string>> = {},
): HubConfig {
  const input: Record<string, string | undefined> = {}
  for (const variable of Object.keys(flagsByVariable) as EnvironmentVariable[]) {
    input[variable] = flags[variable] ?? env[variable]
  }

  const parsed = environmentSchema.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const variable = String(issue?.path[0] ?? 'configuration') as EnvironmentVariable
    const source = flags[variable] === undefined ? variable : flagsByVariable[variable]
    throw new ConfigError(source, issue?.message ?? 'is not valid')
  }
  const values = parsed.data
  const source = (variable: EnvironmentVariable) =>
    flags[variable] === undefined ? variable : flagsByVariable[variable]

  return {
    port: values.PORT,
    host: values.HOST,
    dataDir: values.DATA_DIR,
    databaseUrl: checkDatabaseUrl(
      values.DATABASE_URL ?? defaultDatabaseUrl(values.DATA_DIR),
      source('DATABASE_URL'),
    ),
    masterKey:
      values.PASSERELLE_MASTER_KEY === undefined
        ? null
        : parseMasterKey(values.PASSERELLE_MASTER_KEY, source('PASSERELLE_MASTER_KEY')),
    bootstrapApiKey: values.PASSERELLE_API_KEY ?? null,
    payfitApiUrl: values.PAYFIT_API_URL,
    payfitOauthUrl: values.PAYFIT_OAUTH_URL,
    publicUrl: values.PUBLIC_URL ?? null,
    logLevel: values.LOG_LEVEL,
  }
}

/** Completes a partial configuration given in code (tests, the demo) without reading the environment. */
export function resolveConfig(partial: Partial<HubConfig>): HubConfig {
  const defaults = loadConfig({})
  const dataDir = partial.dataDir ?? defaults.dataDir
  const config: HubConfig = {
    ...defaults,
    dataDir,
    databaseUrl: defaultDatabaseUrl(dataDir),
    ...withoutUndefined(partial),
  }
  checkDatabaseUrl(config.databaseUrl, 'databaseUrl')
  if (config.masterKey !== null && config.masterKey.length !== 32) {
    throw new ConfigError('masterKey', 'must be exactly 32 bytes')
  }
  if (config.bootstrapApiKey !== null && config.bootstrapApiKey.length < minBootstrapKeyLength) {
    throw new ConfigError(
      'bootstrapApiKey',
      `must be at least ${minBootstrapKeyLength} characters long`,
    )
  }
  return config
}

export function defaultDatabaseUrl(dataDir: string): string {
  return `sqlite://${path.join(dataDir, 'passerelle.db')}`
}

function checkDatabaseUrl(url: string, source: string): string {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    throw new ConfigError(
      source,
      'PostgreSQL support is not available yet; use a sqlite:// URL or leave it unset',
    )
  }
  if (!url.startsWith('sqlite://') || url.length === 'sqlite://'.length) {
    throw new ConfigError(source, 'must be a sqlite://<file path> URL')
  }
  return url
}

/** Accepts 32 bytes as 64 hex characters or as base64 (standard or URL-safe). */
export function parseMasterKey(value: string, source = 'PASSERELLE_MASTER_KEY'): Buffer {
  const trimmed = value.trim()
  const key = /^[0-9a-f]{64}$/i.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)
      ? Buffer.from(trimmed, 'base64')
      : null
  if (key?.length !== 32) {
    throw new ConfigError(source, 'must be 32 bytes written as 64 hex characters or in base64')
  }
  return key
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>
}
