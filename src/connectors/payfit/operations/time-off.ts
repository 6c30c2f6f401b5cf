import { NotFoundError } from '../../../errors.ts'
import { dateTimeToDate } from '../../../unified/dates.ts'
import type { HrisPage, ListRequest } from '../../../unified/operations.ts'
import type { ListFilter } from '../../../unified/query.ts'
import type { Reference, TimeOff } from '../../../unified/time-off.ts'
import { absenceToTimeOff, absenceTypeCodesForCountry, absenceTypeToReference } from '../mapping.ts'
import type { PayfitAbsence, PayfitAbsenceQuery } from '../schemas.ts'
import { forwardedProxy, nullIfNotFound, type PayfitContext } from './context.ts'
import { assertEmployeeExists } from './employments.ts'
import { pageOf, walkSpan } from './paging.ts'

const absenceProxyKeys = ['status', 'beginDate', 'endDate', 'contractId'] as const

/*
 * PayFit lists only approved absences unless asked (payfit-api §9.28), so every read asks for
 * `status=all`: a cancelled absence comes back as a cancelled time off instead of vanishing.
 * Absences hang on contracts; the employee is the contract's collaborator, from the index.
 */
function absenceQuery(
  context: PayfitContext,
  filter: ListFilter | null,
  token: string | null,
): PayfitAbsenceQuery {
  const proxy = forwardedProxy(context.proxy, absenceProxyKeys)
  const beginDate = filter?.start_date == null ? undefined : dateTimeToDate(filter.start_date)
  const endDate = filter?.end_date == null ? undefined : dateTimeToDate(filter.end_date)
  return {
    maxResults: 50,
    nextPageToken: token ?? undefined,
    contractId: proxy.contractId,
    status: proxy.status ?? 'all',
    beginDate: beginDate ?? proxy.beginDate,
    endDate: endDate ?? proxy.endDate,
  }
}

export async function listTimeOffRequests(
  context: PayfitContext,
  list: ListRequest,
): Promise<HrisPage<TimeOff>> {
  const sample = absenceQuery(context, list.filter, null)
  const fetch = context.pages(
    `absences|${JSON.stringify({ ...sample, nextPageToken: 0 })}`,
    (token) =>
      context.client.listAbsences(context.companyId, absenceQuery(context, list.filter, token)),
  )
  const page = await walkSpan(fetch, list)
  return { data: await toTimeOffs(context, page.data), next: page.next }
}

/** PayFit has no single-absence read: this walks every absence (cached for the account). */
export async function getTimeOffRequest(context: PayfitContext, id: string): Promise<TimeOff> {
  forwardedProxy(context.proxy, [])
  const absences = await context.absences()
  const absence = absences.get(id)
  if (absence === undefined) throw new NotFoundError('Time off request not found')
  const [timeOff] = await toTimeOffs(context, [absence])
  if (timeOff === undefined) throw new NotFoundError('Time off request not found')
  return timeOff
}

export async function listEmployeeTimeOffRequests(
  context: PayfitContext,
  employeeId: string,
  list: ListRequest,
): Promise<HrisPage<TimeOff>> {
  return pageOf(await employeeTimeOffs(context, employeeId, list.filter), list)
}

export async function getEmployeeTimeOffRequest(
  context: PayfitContext,
  employeeId: string,
  id: string,
): Promise<TimeOff> {
  const timeOffs = await employeeTimeOffs(context, employeeId, null)
  const timeOff = timeOffs.find((candidate) => candidate.id === id)
  if (timeOff === undefined) throw new NotFoundError('Time off request not found')
  return timeOff
}

/** One absence walk per contract of the employee (`contractId=`), usually one or two pages. */
async function employeeTimeOffs(
  context: PayfitContext,
  employeeId: string,
  filter: ListFilter | null,
): Promise<TimeOff[]> {
  forwardedProxy(context.proxy, absenceProxyKeys)
  const index = await context.contracts({ walking: true })
  const contracts = index.contractsOf(employeeId)
  if (contracts === undefined) {
    await assertEmployeeExists(context, employeeId)
    return []
  }
  const perContract = await Promise.all(
    contracts.map(async (contract) => {
      const absences: PayfitAbsence[] = []
      const listPage = (page: { maxResults: number; nextPageToken?: string }) =>
        context.client.listAbsences(context.companyId, {
          ...absenceQuery(context, filter, page.nextPageToken ?? null),
          contractId: contract.contractId,
        })
      for await (const page of context.client.pages(listPage)) absences.push(...page.items)
      return absences
    }),
  )
  const absences = perContract
    .flat()
    .sort((a, b) => a.startDate.date.localeCompare(b.startDate.date))
  return absences.map((absence) => absenceToTimeOff(absence, employeeId))
}

/** Maps absences, resolving each contract's collaborator (one call for a contract not indexed). */
async function toTimeOffs(context: PayfitContext, absences: PayfitAbsence[]): Promise<TimeOff[]> {
  const index = await context.contracts({ walking: true })
  const missing = [...new Set(absences.map((a) => a.contractId))].filter((id) => !index.has(id))
  const french = await context.isFrench()
  const found = await Promise.all(
    missing.map((id) =>
      nullIfNotFound(
        french
          ? context.client.getContractFr(context.companyId, id)
          : context.client.getContract(context.companyId, id),
      ),
    ),
  )
  const collaboratorOfFound = new Map<string, string>()
  for (const contract of found) {
    if (contract !== null) collaboratorOfFound.set(contract.contractId, contract.collaboratorId)
  }
  return absences.map((absence) => {
    const employeeId =
      index.collaboratorOf(absence.contractId) ?? collaboratorOfFound.get(absence.contractId)
    if (employeeId !== undefined) return absenceToTimeOff(absence, employeeId)
    return { ...absenceToTimeOff(absence, ''), employee_id: null, remote_employee_id: null }
  })
}

/** PayFit lists no absence types (payfit-api §11.6): the known catalogue of the company's country. */
export async function listTimeOffTypes(
  context: PayfitContext,
  list: ListRequest,
): Promise<HrisPage<Reference>> {
  forwardedProxy(context.proxy, [])
  const company = await context.company()
  return pageOf(absenceTypeCodesForCountry(company.country).map(absenceTypeToReference), list)
}

export async function getTimeOffType(context: PayfitContext, id: string): Promise<Reference> {
  forwardedProxy(context.proxy, [])
  const company = await context.company()
  if (!absenceTypeCodesForCountry(company.country).includes(id)) {
    throw new NotFoundError('Time off type not found')
  }
  return absenceTypeToReference(id)
}
