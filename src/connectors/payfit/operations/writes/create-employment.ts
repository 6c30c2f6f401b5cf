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

/*
 * PayFit shows an initialised contract (payfit-api §9.13) only to lists asking for
 * `includeInProgressContracts=true` at first, and only minutes later. Our own record of what we
 * sent covers that gap: it blocks a second initialisation for an hour, or until a listing
 * shows the contract (from then on PayFit's in-progress listing is the guard).
 */
const ownRecordGuardMs = 60 * 60 * 1000

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
  const ours = await records.listForEmployee(accountId, employeeId)
  const unanswered = options.reconcile
    ? ours.find((record) => record.state === 'unknown' && isSameRequest(record, wanted))
    : undefined
  if (options.reconcile) {
    const match = inProgress.find((contract) => matches(contract, wanted))
    if (match !== undefined) {
      const record = unanswered ?? (await records.add({ accountId, employeeId, ...wanted }))
      await records.update(accountId, record.id, { state: 'sent', employmentId: match.contractId })
      return pendingResult(record.id)
    }
  }

  const now = records.now().getTime()
  const blocking = ours.filter(
    (record) =>
      record !== unanswered &&
      record.employmentId === null &&
      now - Date.parse(record.createdAt) < ownRecordGuardMs,
  )
  if (inProgress.length > 0 || blocking.length > 0) {
    throw new ConflictError(
      'A contract is already being initialised in PayFit for this employee; PayFit advises ' +
        'against a second one. Finish or delete it in PayFit before creating another employment',
    )
  }

  const record = unanswered ?? (await records.add({ accountId, employeeId, ...wanted }))
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
  return withInProgress.filter((contract) => !settled.byId.has(contract.contractId))
}
