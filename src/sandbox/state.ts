import type { Faults } from './faults.ts'
import type { KeyStore } from './keys.ts'
import type { Random } from './random.ts'
import type { RateLimiter } from './rate-limit.ts'
import type { Stats } from './stats.ts'
import type { CompanyData } from './types.ts'
import type { FieldGating } from './views.ts'

/** Everything one running sandbox holds; routes read and change it, nothing else does. */
export interface SandboxState {
  companies: Map<string, CompanyData>
  keys: KeyStore
  limiter: RateLimiter
  stats: Stats
  faults: Faults
  /** Ids of records created through the API come from here, after the generated ones. */
  random: Random
  today: () => string
  contractVisibilityDelayMs: number
  gating: FieldGating
  introspectionUnauthorizedForInactive: boolean
  adminToken: string
}
