import type { AccountRow } from '../store/schema.ts'

export interface StatusReason {
  code: 'invalid_credentials' | 'missing_scopes' | 'missing_scope' | (string & {})
  description: string
  timestamp: string
}

/**
 * An account as every response shows it. It has no credential field at all, so no code path
 * can put one in a response by mistake.
 */
export interface LinkedAccount {
  id: string
  provider: string
  provider_name: string | null
  origin_owner_id: string
  origin_owner_name: string
  origin_username: string | null
  status: 'active' | 'error' | (string & {})
  status_reasons: StatusReason[] | null
  type: string | null
  label: string | null
  setup_information: {
    company_id: string
    company_name: string
    country: string | null
    granted_scopes: string[]
  }
  created_at: string
  updated_at: string
}

export function toLinkedAccount(row: AccountRow, providerName: string | null): LinkedAccount {
  const reasons = JSON.parse(row.status_reasons) as StatusReason[]
  return {
    id: row.id,
    provider: row.provider,
    provider_name: providerName,
    origin_owner_id: row.origin_owner_id,
    origin_owner_name: row.origin_owner_name,
    origin_username: row.origin_username,
    status: row.status,
    status_reasons: reasons.length === 0 ? null : reasons,
    type: row.type,
    label: row.label,
    setup_information: {
      company_id: row.external_id,
      company_name: row.display_name,
      country: row.country,
      granted_scopes: JSON.parse(row.granted_scopes) as string[],
    },
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}
