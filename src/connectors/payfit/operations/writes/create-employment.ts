import {
  ConflictError,
  InvalidRequestError,
  NotFoundError,
  UnprocessableError,
} from '../../../../errors.ts'
import { dateToDateTime, dateTimeToDate } from '../../../../unified/dates.ts'
import type { Employment } from '../../../../unified/employment.ts'
import {
  UncertainWriteError,
  type CreatedRecord,
  type PendingEmployment,
  type PendingEmploymentRecords,
  type WriteOptions,
} from '../../../../unified/write-operations.ts'
import type { CreateEmploymentRequest } from '../../../../unified/writes.ts'
import { contractToEmployment, type AnyPayfitContract } from '../../mapping.ts'
import type { PayfitContext } from '../context.ts'
import { assertEmployeeExists } from '../employments.ts'
import { sendWrite } from './send-write.ts'

export interface EmploymentWriteContext {
  payfit: PayfitContext
  records: PendingEmploymentRecords
  accountId: string
}

/** `POST /unified/hris/employees/{id}/employments` → PayFit's contract initialisation. */
export async function createEmployeeEmployment(
  write: EmploymentWriteContext,
  employeeId: string,
  request: CreateEmploymentRequest,
  options: WriteOptions,
): Promise<CreatedRecord> {
  const { payfit, records, accountId } = write
  if (!(await payfit.isFrench())) {
    const { country } = await payfit.company()
    throw new UnprocessableError(
      `PayFit's API creates contracts only for French companies; this company is in ${country}`,
    )
  }
  const wanted = employmentInput(request)
  await assertEmployeeExists(payfit, employeeId)

  const inProgress = await inProgressContracts(payfit, employeeId)
  const unanswered = options.reconcile
    ? (await records.listForEmployee(accountId, employeeId)).find(
        (record) => record.state === 'unknown' && isSameRequest(record, wanted),
      )
    : undefined
  if (options.reconcile) {
    const reconciled = await reconcileEarlierAttempt(write, employeeId, wanted, {
      inProgress,
      unanswered,
    })
    if (reconciled !== null) return pendingResult(reconciled)
  }
  refuseWhileInitialising(inProgress)

  const record = unanswered ?? (await claimRecord(write, employeeId, wanted))
  await records.update(accountId, record.id, { state: 'sending' })
  try {
    await sendWrite(() =>
      payfit.client.initContract(payfit.companyId, employeeId, {
        jobTitle: wanted.jobTitle,
        startDate: wanted.startDate,
      }),
    )
  } catch (error) {
    if (error instanceof UncertainWriteError) {
      await records.update(accountId, record.id, { state: 'unknown' })
    } else {
      await records.forget(accountId, record.id)
    }
    throw error
  }
  await records.update(accountId, record.id, { state: 'sent' })
  return pendingResult(record.id)
}

/**
 * After an attempt whose outcome was lost: when PayFit shows its contract, answer that one
 * (with the attempt's pending id) instead of initialising a second. Null when it does not.
 */
async function reconcileEarlierAttempt(
  write: EmploymentWriteContext,
  employeeId: string,
  wanted: WantedEmployment,
  seen: { inProgress: AnyPayfitContract[]; unanswered: PendingEmployment | undefined },
): Promise<string | null> {
  const match = seen.inProgress.find((contract) => matches(contract, wanted))
  if (match === undefined) return null
  const record = seen.unanswered ?? (await claimRecord(write, employeeId, wanted))
  await write.records.update(write.accountId, record.id, {
    state: 'sent',
    employmentId: match.contractId,
  })
  return record.id
}

/** PayFit advises against a second contract while one is being initialised (§9.13). */
function refuseWhileInitialising(inProgress: AnyPayfitContract[]): void {
  if (inProgress.length > 0) throw initialisingConflict()
}

/**
 * Our record goes in before anything is sent, under a unique index: of two concurrent
 * creations for the employee, one gets the record and the other a 409. The record also covers
 * the minutes before PayFit lists a new contract, even as in progress.
 */
async function claimRecord(
  write: EmploymentWriteContext,
  employeeId: string,
  wanted: WantedEmployment,
): Promise<PendingEmployment> {
  try {
    return await write.records.add({ accountId: write.accountId, employeeId, ...wanted })
  } catch (error) {
    if (error instanceof ConflictError) throw initialisingConflict()
    throw error
  }
}

function initialisingConflict(): ConflictError {
  return new ConflictError(
    'A contract is already being initialised in PayFit for this employee; PayFit advises ' +
      'against a second one. Finish or delete it in PayFit before creating another employment',
  )
}

/**
 * A pending id answers the contract PayFit now shows for it (collaborator, start date and job
 * title match), with PayFit's id; until then, the employment as we sent it.
 */
export async function getPendingEmployment(
  write: EmploymentWriteContext,
  employeeId: string,
  id: string,
): Promise<Employment> {
  const { payfit, records, accountId } = write
  const record = await records.find(accountId, id)
  if (record?.employeeId !== employeeId) throw new NotFoundError('Employment not found')

  const contracts = await contractsWithInProgress(payfit, employeeId)
  const match =
    record.employmentId === null
      ? contracts.find((contract) => matches(contract, record))
      : contracts.find((contract) => contract.contractId === record.employmentId)
  if (match === undefined) return pendingEmployment(record)
  if (record.employmentId === null) {
    await records.update(accountId, record.id, { employmentId: match.contractId })
  }
  return contractToEmployment(match)
}

interface WantedEmployment {
  jobTitle: string
  startDate: string
}

function employmentInput(request: CreateEmploymentRequest): WantedEmployment {
  const jobTitle = request.job_title?.trim() ?? ''
  const effective = request.effective_date?.trim() ?? ''
  const missing = [jobTitle === '' ? 'job_title' : null, effective === '' ? 'effective_date' : null]
  if (jobTitle === '' || effective === '') {
    throw new InvalidRequestError(
      `PayFit needs a job title and a start date to create an employment; missing: ${missing.filter((field) => field !== null).join(', ')}`,
    )
  }
  const startDate = dateTimeToDate(effective)
  if (startDate === null) {
    throw new InvalidRequestError('effective_date must be a YYYY-MM-DD date or an ISO date-time')
  }
  return { jobTitle, startDate }
}

function isSameRequest(record: PendingEmployment, wanted: WantedEmployment): boolean {
  return record.startDate === wanted.startDate && sameTitle(record.jobTitle, wanted.jobTitle)
}

function matches(contract: AnyPayfitContract, wanted: WantedEmployment): boolean {
  return (
    contract.startDate === wanted.startDate && sameTitle(contract.jobName ?? '', wanted.jobTitle)
  )
}

function sameTitle(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase()
}

function pendingResult(id: string): CreatedRecord {
  return {
    id,
    remoteId: null,
    message:
      'Employment pending: PayFit is initialising the contract and shows it within minutes; ' +
      'read it with this id meanwhile',
  }
}

function pendingEmployment(record: PendingEmployment): Employment {
  const start = dateToDateTime(record.startDate)
  return {
    id: record.id,
    remote_id: null,
    employee_id: record.employeeId,
    remote_employee_id: record.employeeId,
    job_title: record.jobTitle,
    start_date: start,
    effective_date: start,
    active: false,
    created_at: record.createdAt,
  }
}

/** The employee's contracts listed with `includeInProgressContracts=true`: ceil(N/50) calls. */
async function contractsWithInProgress(
  payfit: PayfitContext,
  employeeId: string,
): Promise<AnyPayfitContract[]> {
  const french = await payfit.isFrench()
  const listPage = (page: { maxResults: number; nextPageToken?: string }) => {
    const query = { ...page, includeInProgressContracts: true }
    return french
      ? payfit.client.listContractsFr(payfit.companyId, query)
      : payfit.client.listContracts(payfit.companyId, query)
  }
  const found: AnyPayfitContract[] = []
  for await (const page of payfit.client.pages<AnyPayfitContract>(listPage)) {
    found.push(...page.items.filter((contract) => contract.collaboratorId === employeeId))
  }
  return found
}

/** Contracts PayFit lists only when asked for in-progress ones: initialised, not completed. */
async function inProgressContracts(
  payfit: PayfitContext,
  employeeId: string,
): Promise<AnyPayfitContract[]> {
  const withInProgress = await contractsWithInProgress(payfit, employeeId)
  if (withInProgress.length === 0) return []
  const settled = await payfit.contracts()
  return withInProgress.filter((contract) => !settled.has(contract.contractId))
}
