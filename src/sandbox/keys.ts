import { createHash } from 'node:crypto'

import { randomFor, type Random } from './random.ts'
import { allScopes, guideScopes, normaliseScopes, readOnlyScopes } from './scopes.ts'

export interface KeyRecord {
  /** Short and non-secret: what stats and logs show instead of the key. */
  id: string
  companyId: string
  /** Exactly as granted, in order, for introspection. */
  scopes: readonly string[]
  granted: ReadonlySet<string>
  isRevoked: boolean
}

export interface CompanyKeys {
  full: string
  guide: string
  read_only: string
  revoked: string
}

/** `key_` plus 12 hex of the key's SHA-256: anyone holding a key can compute its id. */
export function keyIdOf(key: string): string {
  return `key_${createHash('sha256').update(key).digest('hex').slice(0, 12)}`
}

export class KeyStore {
  private readonly keys = new Map<string, KeyRecord>()
  private readonly mintRandom: Random

  constructor(private readonly seed: number) {
    this.mintRandom = randomFor(seed, 'minted-keys')
  }

  /** The four standard keys of a company, derived from the seed and the company's position. */
  createCompanyKeys(companyId: string, companyIndex: number): CompanyKeys {
    const random = randomFor(this.seed, `keys:${String(companyIndex)}`)
    const keys: CompanyKeys = {
      full: random.urlSafe(43),
      guide: random.urlSafe(43),
      read_only: random.urlSafe(43),
      revoked: random.urlSafe(43),
    }
    this.add(keys.full, companyId, allScopes)
    this.add(keys.guide, companyId, guideScopes)
    this.add(keys.read_only, companyId, readOnlyScopes)
    this.add(keys.revoked, companyId, allScopes).isRevoked = true
    return keys
  }

  mint(companyId: string, scopes: readonly string[]): string {
    const key = this.mintRandom.urlSafe(43)
    this.add(key, companyId, scopes)
    return key
  }

  /** Returns false when the key was never issued. */
  revoke(key: string): boolean {
    const record = this.keys.get(key)
    if (record === undefined) return false
    record.isRevoked = true
    return true
  }

  find(key: string): KeyRecord | undefined {
    return this.keys.get(key)
  }

  private add(key: string, companyId: string, scopes: readonly string[]): KeyRecord {
    const record: KeyRecord = {
      id: keyIdOf(key),
      companyId,
      scopes: [...scopes],
      granted: normaliseScopes(scopes),
      isRevoked: false,
    }
    this.keys.set(key, record)
    return record
  }
}
