import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

/*
 * Column types are the portable subset: text, integer, and ISO-8601 text for instants, so the
 * same repositories run on SQLite today and PostgreSQL later. Lists and maps are JSON text.
 */

export interface ProjectTable {
  /** Numeric id shown as `organization_id` on connect sessions. */
  organization_id: Generated<number>
  id: string
  name: string
  created_at: string
}

export interface ApiKeyTable {
  id: string
  project_id: string
  /** SHA-256 of the key, hex. The key itself is never stored. */
  key_hash: string
  created_at: string
}

export interface ConnectSessionTable {
  id: Generated<number>
  project_id: string
  /** SHA-256 of the session token, hex. */
  token_hash: string
  origin_owner_id: string
  origin_owner_name: string
  origin_username: string | null
  provider: string | null
  provider_version: string | null
  /** JSON array of category names, or null. */
  categories: string | null
  account_id: string | null
  label: string | null
  /** JSON object, or null. */
  metadata: string | null
  multiple: number
  type: string | null
  return_url: string | null
  created_at: string
  expires_at: string
  /** The account this session linked or relinked last, once it has. */
  linked_account_id: string | null
}

export interface AccountTable {
  id: string
  project_id: string
  provider: string
  origin_owner_id: string
  origin_owner_name: string
  origin_username: string | null
  label: string | null
  type: string | null
  /** The provider's id of what the credentials reach (for PayFit, the company). */
  external_id: string
  display_name: string
  country: string | null
  /** JSON array of scope names. */
  granted_scopes: string
  status: string
  /** JSON array of `{code, description, timestamp}`. */
  status_reasons: string
  /** Vault envelope of the JSON credentials; never sent anywhere. */
  credentials: string
  created_at: string
  updated_at: string
}

/** One `Idempotency-Key` of a write, per project and account (docs/writes.md). */
export interface IdempotencyKeyTable {
  project_id: string
  account_id: string
  /** SHA-256 of the key as sent, hex: keys are the caller's words and are not kept. */
  key_hash: string
  /** SHA-256 of the method, path and canonical JSON body the key was first used with. */
  request_hash: string
  /** `running`, `completed` (response kept) or `unknown` (the provider may have applied it). */
  state: string
  status_code: number | null
  /** The JSON body answered, replayed as is; ids and messages only, never employee data. */
  response_body: string | null
  /** A `running` row older than this was abandoned (a crashed process) and may be taken over. */
  locked_until: string
  /** Random id of the current lease: only its holder may settle the row (a fencing token). */
  lease_id: string | null
  created_at: string
  expires_at: string
}

/** An employment sent to the provider but not readable there yet (docs/writes.md). */
export interface PendingEmploymentTable {
  id: string
  account_id: string
  employee_id: string
  job_title: string
  start_date: string
  /** `sending`, `sent`, or `unknown` when the provider's answer was lost. */
  state: string
  /** The provider's employment id once one matched. */
  employment_id: string | null
  /** 1 while the record blocks a second employment for the employee, else null (unique). */
  blocking: number | null
  created_at: string
}

export interface Database {
  projects: ProjectTable
  api_keys: ApiKeyTable
  connect_sessions: ConnectSessionTable
  accounts: AccountTable
  idempotency_keys: IdempotencyKeyTable
  pending_employments: PendingEmploymentTable
}

export type ProjectRow = Selectable<ProjectTable>
export type ConnectSessionRow = Selectable<ConnectSessionTable>
export type NewConnectSessionRow = Insertable<ConnectSessionTable>
export type AccountRow = Selectable<AccountTable>
export type NewAccountRow = Insertable<AccountTable>
export type AccountRowUpdate = Updateable<AccountTable>
export type IdempotencyKeyRow = Selectable<IdempotencyKeyTable>
export type PendingEmploymentRow = Selectable<PendingEmploymentTable>
