import { UnprocessableError } from '../../../../errors.ts'
import type { CreatedRecord, WriteOptions } from '../../../../unified/write-operations.ts'
import type { CreateTimeOffRequest } from '../../../../unified/writes.ts'
import type { EmploymentFacts } from '../../mapping.ts'
import type { PayfitAbsence } from '../../schemas.ts'
import type { PayfitContext } from '../context.ts'
import { assertEmployeeExists } from '../employments.ts'
import { getEmployeeTimeOffRequest } from '../time-off.ts'
import { timeOffToAbsenceSpan, type AbsenceSpan } from './absence-input.ts'
import { sendWrite } from './send-write.ts'

/** `POST /unified/hris/employees/{id}/time_off` → PayFit's create absence (payfit-api §9.29). */
export async function createEmployeeTimeOffRequest(
  context: PayfitContext,
  employeeId: string,
  request: CreateTimeOffRequest,
  options: WriteOptions,
): Promise<CreatedRecord> {
  const company = await context.company()
  const span = timeOffToAbsenceSpan(request, company.country)
  const contract = await activeContract(context, employeeId, span.startDate.date)

  if (options.reconcile) {
    const found = await findAbsence(context, contract.contractId, span)
    if (found !== undefined) {
      return {
        id: found.id,
        remoteId: found.id,
        message: 'Time off request created (found in PayFit after an unanswered attempt)',
      }
    }
  }
  const reply = await sendWrite(() =>
    context.client.createAbsence(context.companyId, { contractId: contract.contractId, ...span }),
  )
  return { id: reply.id, remoteId: reply.id, message: 'Time off request created' }
}

/**
 * Absences hang on contracts (§11.1): the employee's ACTIVE contract, the one covering the
 * first day when there are several, else the latest started.
 */
async function activeContract(
  context: PayfitContext,
  employeeId: string,
  firstDay: string,
): Promise<EmploymentFacts> {
  const index = await context.contracts()
  const contracts = index.contractsOf(employeeId)
  if (contracts === undefined) await assertEmployeeExists(context, employeeId)
  const active = (contracts ?? [])
    .filter((contract) => contract.status === 'ACTIVE')
    .sort((a, b) => b.startDate.localeCompare(a.startDate))
  const covering = active.find(
    (contract) =>
      contract.startDate <= firstDay && (contract.endDate == null || contract.endDate >= firstDay),
  )
  const chosen = covering ?? active[0]
  if (chosen === undefined) {
    throw new UnprocessableError(
      'The employee has no active contract in PayFit, and PayFit records time off on a contract',
    )
  }
  return chosen
}

/** The absence an unanswered attempt may have created: same contract, type and boundaries. */
async function findAbsence(
  context: PayfitContext,
  contractId: string,
  span: AbsenceSpan,
): Promise<PayfitAbsence | undefined> {
  const listPage = (page: { maxResults: number; nextPageToken?: string }) =>
    context.client.listAbsences(context.companyId, {
      ...page,
      contractId,
      status: ['approved', 'pending_approval'],
      beginDate: span.startDate.date,
      endDate: span.endDate.date,
    })
  for await (const page of context.client.pages(listPage)) {
    const match = page.items.find(
      (absence) =>
        absence.type === span.type &&
        absence.startDate.date === span.startDate.date &&
        absence.startDate.moment === span.startDate.moment &&
        absence.endDate.date === span.endDate.date &&
        absence.endDate.moment === span.endDate.moment,
    )
    if (match !== undefined) return match
  }
  return undefined
}

/**
 * `DELETE /unified/hris/employees/{id}/time_off/{subResourceId}` → PayFit's cancel (§9.30).
 * The absence must be one of the employee's; cancelling a cancelled one succeeds again.
 */
export async function cancelEmployeeTimeOffRequest(
  context: PayfitContext,
  employeeId: string,
  id: string,
  comment: string | null,
): Promise<{ message: string }> {
  await getEmployeeTimeOffRequest(context, employeeId, id)
  await sendWrite(() => context.client.cancelAbsence(context.companyId, id, comment ?? undefined))
  return { message: 'Time off request cancelled' }
}
