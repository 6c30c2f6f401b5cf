import { ProviderError } from '../errors.ts'
import type {
  CreateEmployeeRequest,
  CreateEmploymentRequest,
  CreateTimeOffRequest,
} from './writes.ts'

/*
 * The provider-neutral face of the unified HRIS writes. The HTTP layer parses bodies, handles
 * `Idempotency-Key` and renders StackOne's results; a connector performs the write.
 */

export interface WriteOptions {
  /**
   * An earlier attempt with the same idempotency key ended without knowing whether the
   * provider applied it: look for its effect first and answer it if found, instead of sending
   * the write a second time.
   */
  reconcile: boolean
}

export interface CreatedRecord {
  id: string
  /** The provider's id; null while the provider has not made the record readable. */
  remoteId: string | null
  message: string
}

/**
 * The provider may or may not have applied a write: it timed out, the connection dropped, or
 * it answered a 5xx. Rendered as a 502; with an idempotency key, the next try reconciles.
 */
export class UncertainWriteError extends ProviderError {}

/** An employment sent to the provider and not (yet) matched to one it shows. */
export interface PendingEmployment {
  id: string
  accountId: string
  employeeId: string
  jobTitle: string
  /** `YYYY-MM-DD`. */
  startDate: string
  state: 'sending' | 'sent' | 'unknown'
  /** The provider's employment id, once a read matched it. */
  employmentId: string | null
  createdAt: string
}

/** Where the hub keeps pending employments between requests (and across instances). */
export interface PendingEmploymentRecords {
  add(
    record: Pick<PendingEmployment, 'accountId' | 'employeeId' | 'jobTitle' | 'startDate'>,
  ): Promise<PendingEmployment>
  find(accountId: string, id: string): Promise<PendingEmployment | undefined>
  listForEmployee(accountId: string, employeeId: string): Promise<PendingEmployment[]>
  update(
    accountId: string,
    id: string,
    changes: Partial<Pick<PendingEmployment, 'state' | 'employmentId'>>,
  ): Promise<void>
  /** Drops a record whose write certainly did not happen. */
  forget(accountId: string, id: string): Promise<void>
  /** The hub's clock, for record ages. */
  now(): Date
}

/** Pending employments carry our prefix, so they can never be taken for a provider's id. */
export const pendingEmploymentPrefix = 'pending_'

export function isPendingEmploymentId(id: string): boolean {
  return id.startsWith(pendingEmploymentPrefix)
}

export interface HrisWriteSession {
  createEmployee(input: CreateEmployeeRequest, options: WriteOptions): Promise<CreatedRecord>
  createEmployeeEmployment(
    employeeId: string,
    input: CreateEmploymentRequest,
    options: WriteOptions,
  ): Promise<CreatedRecord>
  createEmployeeTimeOffRequest(
    employeeId: string,
    input: CreateTimeOffRequest,
    options: WriteOptions,
  ): Promise<CreatedRecord>
  cancelEmployeeTimeOffRequest(
    employeeId: string,
    id: string,
    comment: string | null,
  ): Promise<{ message: string }>
}
