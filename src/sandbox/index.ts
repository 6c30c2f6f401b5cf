import type { Logger } from '../log.ts'
import { buildApp } from './app.ts'
import { todayUtc, isValidDate } from './dates.ts'
import { Faults, type FaultConfig } from './faults.ts'
import { generateCompany } from './generate.ts'
import { KeyStore, keyIdOf, type CompanyKeys } from './keys.ts'
import { randomFor } from './random.ts'
import { RateLimiter } from './rate-limit.ts'
import type { SandboxState } from './state.ts'
import { Stats } from './stats.ts'
import type { CompanyData, Country } from './types.ts'
import { defaultFieldGating, type FieldGating } from './views.ts'

export type { FaultConfig } from './faults.ts'
export type { FieldGating, GatingMode } from './views.ts'
export { keyIdOf } from './keys.ts'

export interface SandboxOptions {
  /** 0 = ephemeral (the default here; the CLI defaults to 4010). */
  port?: number
  host?: string
  seed?: number
  /** Collaborators in the first company; the others get a tenth of it, at least 5. */
  employees?: number
  /** One company per country, in this order. */
  countries?: Country[]
  latencyMs?: number
  jitterMs?: number
  rateLimit?: { readsPerSecond: number; writesPerSecond: number }
  /** Initialised contracts are listed without `includeInProgressContracts` after this. */
  contractVisibilityDelayMs?: number
  /** Answer 401 rather than `{active:false}` when introspecting an unknown or revoked key. */
  introspectionUnauthorizedForInactive?: boolean
  adminToken?: string
  logger?: Logger
  /** The sandbox's "today" (`YYYY-MM-DD`); defaults to the real UTC date. */
  today?: string
  /** Omit or null, per scope-gated field group. */
  fieldGating?: Partial<FieldGating>
  /** Faults active from the start (the admin API can change them later). */
  faults?: FaultConfig
}

export interface SandboxCompany {
  id: string
  name: string
  country: Country
  keys: CompanyKeys
  /** The non-secret ids stats use for these keys. */
  keyIds: Record<keyof CompanyKeys, string>
}

export interface RunningSandbox {
  url: string
  adminToken: string
  companies: SandboxCompany[]
  close(): Promise<void>
}

const DEFAULT_VISIBILITY_DELAY_MS = 120_000

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const seed = options.seed ?? 1
  const countries = options.countries ?? ['FR']
  const employees = options.employees ?? 120
  if (options.today !== undefined && !isValidDate(options.today)) {
    throw new Error('The sandbox "today" must be a YYYY-MM-DD date.')
  }
  const fixedToday = options.today
  const today = fixedToday === undefined ? todayUtc : () => fixedToday

  const keys = new KeyStore(seed)
  const companies = new Map<string, CompanyData>()
  const listed: SandboxCompany[] = []
  countries.forEach((country, index) => {
    const size = index === 0 ? employees : Math.max(5, Math.round(employees / 10))
    const data = generateCompany(seed, { index, country, employees: size }, today())
    companies.set(data.company.id, data)
    const companyKeys = keys.createCompanyKeys(data.company.id, index)
    listed.push({
      id: data.company.id,
      name: data.company.name,
      country,
      keys: companyKeys,
      keyIds: {
        full: keyIdOf(companyKeys.full),
        guide: keyIdOf(companyKeys.guide),
        read_only: keyIdOf(companyKeys.read_only),
        revoked: keyIdOf(companyKeys.revoked),
      },
    })
  })

  const faults = new Faults(seed)
  faults.replace({
    ...(options.faults ?? { rules: [] }),
    latency: options.faults?.latency ?? {
      fixedMs: options.latencyMs ?? 0,
      jitterMs: options.jitterMs ?? 0,
    },
  })
  const adminToken = options.adminToken ?? `sbx_admin_${randomFor(seed, 'admin-token').urlSafe(32)}`
  const state: SandboxState = {
    companies,
    keys,
    limiter: new RateLimiter(options.rateLimit ?? { readsPerSecond: 50, writesPerSecond: 20 }),
    stats: new Stats(),
    faults,
    random: randomFor(seed, 'created-records'),
    today,
    contractVisibilityDelayMs: options.contractVisibilityDelayMs ?? DEFAULT_VISIBILITY_DELAY_MS,
    gating: { ...defaultFieldGating, ...options.fieldGating },
    introspectionUnauthorizedForInactive: options.introspectionUnauthorizedForInactive ?? false,
    adminToken,
  }

  const app = buildApp(state)
  const host = options.host ?? '127.0.0.1'
  await app.listen({ port: options.port ?? 0, host })
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : options.port
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${String(port)}`
  options.logger?.info(
    {
      module: 'sandbox',
      url,
      seed,
      companies: listed.map((c) => ({ id: c.id, country: c.country })),
    },
    'sandbox listening',
  )

  return {
    url,
    adminToken,
    companies: listed,
    close: async () => {
      await app.close()
      options.logger?.info({ module: 'sandbox', url }, 'sandbox closed')
    },
  }
}

/** What `passerelle sandbox --json` prints, and what scripts and tests start from. */
export function sandboxSummary(sandbox: RunningSandbox): {
  url: string
  adminToken: string
  companies: Array<Pick<SandboxCompany, 'id' | 'name' | 'country' | 'keys'>>
} {
  return {
    url: sandbox.url,
    adminToken: sandbox.adminToken,
    companies: sandbox.companies.map(({ id, name, country, keys }) => ({
      id,
      name,
      country,
      keys,
    })),
  }
}
