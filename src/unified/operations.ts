import type { Company, Location } from './company.ts'
import type { CursorState } from './cursor.ts'
import type { Document, WorkEligibility } from './document.ts'
import type { Employee } from './employee.ts'
import type { Employment } from './employment.ts'
import type { RawResponse } from './envelopes.ts'
import type { Group } from './group.ts'
import type { ListFilter } from './query.ts'
import type { Reference, TimeOff } from './time-off.ts'
import type { HrisWriteSession, PendingEmploymentRecords } from './write-operations.ts'

/*
 * The provider-neutral face of the unified HRIS read operations. The HTTP layer resolves the
 * account, verifies cursors and renders envelopes; a connector answers these calls in its
 * provider's terms. Nothing here knows which provider is behind it.
 */

/** The linked account a request acts for, with its credentials opened from the vault. */
export interface HrisAccount {
  id: string
  /** The provider's id of what the account reaches (a company id). */
  externalId: string
  country: string | null
  credentials: Record<string, string>
}

export interface HrisSessionOptions {
  /** Record every provider call for `raw=true`; also bypasses shared caches. */
  captureRaw: boolean
  /** `proxy[k]=v` pairs; the connector refuses the keys it does not forward. */
  proxy: Record<string, string>
  /** Today as `YYYY-MM-DD` in UTC, from the hub's clock. */
  today: string
  /** Where employments sent but not yet shown by the provider are kept (docs/writes.md). */
  pendingEmployments?: PendingEmploymentRecords
}

export interface ListRequest {
  pageSize: number
  /** The paging state of a verified `next` cursor; null for the first page. */
  cursor: CursorState | null
  filter: ListFilter
}

export interface HrisPage<T> {
  data: T[]
  /** Paging state to seal into the next cursor; null on the last page. */
  next: CursorState | null
}

export interface HrisFile {
  bytes: Uint8Array
  contentType: string
  fileName: string
}

/** One request's view of an account: operations, and what they cost upstream. */
export interface HrisSession extends HrisWriteSession {
  listEmployees(list: ListRequest): Promise<HrisPage<Employee>>
  getEmployee(id: string): Promise<Employee>
  listEmployments(list: ListRequest): Promise<HrisPage<Employment>>
  getEmployment(id: string): Promise<Employment>
  listEmployeeEmployments(employeeId: string, list: ListRequest): Promise<HrisPage<Employment>>
  getEmployeeEmployment(employeeId: string, id: string): Promise<Employment>
  listCompanies(list: ListRequest): Promise<HrisPage<Company>>
  getCompany(id: string): Promise<Company>
  listLocations(list: ListRequest): Promise<HrisPage<Location>>
  getLocation(id: string): Promise<Location>
  listTimeOffRequests(list: ListRequest): Promise<HrisPage<TimeOff>>
  getTimeOffRequest(id: string): Promise<TimeOff>
  listEmployeeTimeOffRequests(employeeId: string, list: ListRequest): Promise<HrisPage<TimeOff>>
  getEmployeeTimeOffRequest(employeeId: string, id: string): Promise<TimeOff>
  listTimeOffTypes(list: ListRequest): Promise<HrisPage<Reference>>
  getTimeOffType(id: string): Promise<Reference>
  listEmployeeWorkEligibility(
    employeeId: string,
    list: ListRequest,
  ): Promise<HrisPage<WorkEligibility>>
  getEmployeeWorkEligibility(employeeId: string, id: string): Promise<WorkEligibility>
  listEmployeeDocuments(employeeId: string, list: ListRequest): Promise<HrisPage<Document>>
  getEmployeeDocument(employeeId: string, id: string): Promise<Document>
  downloadEmployeeDocument(employeeId: string, id: string): Promise<HrisFile>
  listGroups(list: ListRequest): Promise<HrisPage<Group>>
  getGroup(id: string): Promise<Group>
  listTeamGroups(list: ListRequest): Promise<HrisPage<Group>>
  getTeamGroup(id: string): Promise<Group>

  /** The provider calls made so far, without credentials, for `raw=true`. */
  rawCalls(): RawResponse[]
  /** Provider call attempts made so far, retries included. */
  callCount(): number
}

export interface HrisOperations {
  open(account: HrisAccount, options: HrisSessionOptions): HrisSession
  /** Stops the provider work that outlives requests (walks in the background, reads ahead). */
  close?(): void
  /**
   * Stops that work for one account and drops what was read for it: the account was deleted
   * (`current` undefined), or relinked with `current`, so nothing goes on calling the provider
   * with other credentials. Work with the current ones goes on.
   */
  forget?(accountId: string, current?: Record<string, string>): void
}
