import { openEnum } from '../../../unified/enums.ts'
import type { Employment } from '../../../unified/employment.ts'
import type { PayfitContract, PayfitContractFr } from '../schemas.ts'
import { payfitDateToDateTime } from './dates.ts'
import {
  contractTypeByIsFullTime,
  employmentTypeByNatureContrat,
  natureContratLabels,
} from './enums.ts'

/** A contract read from `/contracts` (global) or `/contracts-fr` (with the DSN codes). */
export type AnyPayfitContract = PayfitContract | PayfitContractFr

/**
 * The part of a contract the unified model reads: what the company-wide contract index keeps,
 * so it holds neither the personal fields PayFit still repeats on contracts nor their memory.
 * `natureContratDsn` is present (maybe null) exactly when the contract came from `/contracts-fr`.
 */
export type EmploymentFacts = Pick<
  PayfitContract,
  | 'contractId'
  | 'collaboratorId'
  | 'jobName'
  | 'startDate'
  | 'endDate'
  | 'status'
  | 'standardWeeklyHours'
  | 'fullTimeEquivalent'
  | 'isFullTime'
> &
  Partial<Pick<PayfitContractFr, 'natureContratDsn'>>

export function employmentFactsOf(contract: AnyPayfitContract): EmploymentFacts {
  const facts: EmploymentFacts = {
    contractId: contract.contractId,
    collaboratorId: contract.collaboratorId,
    jobName: contract.jobName ?? null,
    startDate: contract.startDate,
    endDate: contract.endDate ?? null,
    status: contract.status,
    standardWeeklyHours: contract.standardWeeklyHours ?? null,
    fullTimeEquivalent: contract.fullTimeEquivalent ?? null,
    isFullTime: contract.isFullTime ?? null,
  }
  if ('natureContratDsn' in contract) facts.natureContratDsn = contract.natureContratDsn ?? null
  return facts
}

export function contractToEmployment(contract: EmploymentFacts): Employment {
  const employmentType = employmentTypeOf(contract)
  const contractType = openEnum(contractTypeByIsFullTime, contract.isFullTime)
  const effectiveDate = payfitDateToDateTime(contract.startDate, 'contract.startDate')

  return {
    id: contract.contractId,
    remote_id: contract.contractId,
    employee_id: contract.collaboratorId,
    remote_employee_id: contract.collaboratorId,
    job_title: contract.jobName ?? null,
    effective_date: effectiveDate,
    start_date: effectiveDate,
    end_date: payfitDateToDateTime(contract.endDate, 'contract.endDate'),
    type:
      employmentType === null
        ? null
        : { label: natureContratLabelOf(contract), type: employmentType },
    employment_type: employmentType,
    contract_type: contractType === null ? null : { contract_type: contractType },
    employment_contract_type: contractType,
    fte: contract.fullTimeEquivalent ?? null,
    work_time: workTimeOf(contract.standardWeeklyHours),
    active: contract.status === 'ACTIVE',
  }
}

function employmentTypeOf(contract: EmploymentFacts) {
  return 'natureContratDsn' in contract
    ? openEnum(employmentTypeByNatureContrat, contract.natureContratDsn)
    : null
}

function natureContratLabelOf(contract: EmploymentFacts): string | null {
  const code = 'natureContratDsn' in contract ? contract.natureContratDsn : null
  return code === null || code === undefined ? null : (natureContratLabels[code] ?? null)
}

/** Weekly hours as an ISO-8601 duration per week: 35 → `PT35H`, 24.5 → `PT24H30M`. */
function workTimeOf(weeklyHours: number | null | undefined): Employment['work_time'] {
  if (weeklyHours === null || weeklyHours === undefined || weeklyHours < 0) return null

  return {
    duration: hoursToDuration(weeklyHours),
    duration_unit: { value: 'week', source_value: weeklyHours },
  }
}

export function hoursToDuration(hours: number): string {
  const minutes = Math.round(hours * 60)
  const wholeHours = Math.floor(minutes / 60)
  const restMinutes = minutes % 60
  if (minutes === 0) return 'PT0H'
  return `PT${wholeHours > 0 ? `${wholeHours}H` : ''}${restMinutes > 0 ? `${restMinutes}M` : ''}`
}
