import { NotFoundError } from '../../../errors.ts'
import type { Employment } from '../../../unified/employment.ts'
import type { HrisPage, ListRequest } from '../../../unified/operations.ts'
import { contractToEmployment, type AnyPayfitContract } from '../mapping.ts'
import type { PayfitPage } from '../schemas.ts'
import { forwardedProxy, inProgressContracts, orNotFound, type PayfitContext } from './context.ts'
import { pageOf, walkSpan } from './paging.ts'

const contractProxyKeys = ['includeInProgressContracts'] as const

/** Employments are contracts: PayFit's pages of 50, one or two calls per unified page. */
export async function listEmployments(
  context: PayfitContext,
  list: ListRequest,
): Promise<HrisPage<Employment>> {
  const proxy = forwardedProxy(context.proxy, contractProxyKeys)
  const french = await context.isFrench()
  const query = (token: string | null) => ({
    maxResults: 50,
    nextPageToken: token ?? undefined,
    includeInProgressContracts: inProgressContracts(proxy),
  })
  const fetch = context.pages<AnyPayfitContract>(
    `contracts|${JSON.stringify(proxy)}`,
    (token): Promise<PayfitPage<AnyPayfitContract>> =>
      french
        ? context.client.listContractsFr(context.companyId, query(token))
        : context.client.listContracts(context.companyId, query(token)),
  )
  const page = await walkSpan(fetch, list)
  return { data: page.data.map(contractToEmployment), next: page.next }
}

export async function getEmployment(context: PayfitContext, id: string): Promise<Employment> {
  forwardedProxy(context.proxy, [])
  return contractToEmployment(await readContract(context, id))
}

/** An employee's contracts come from the cached index of the company's contracts. */
export async function listEmployeeEmployments(
  context: PayfitContext,
  employeeId: string,
  list: ListRequest,
): Promise<HrisPage<Employment>> {
  forwardedProxy(context.proxy, [])
  const index = await context.contracts()
  const contracts = index.contractsOf(employeeId)
  if (contracts === undefined) await assertEmployeeExists(context, employeeId)
  const sorted = [...(contracts ?? [])].sort((a, b) => a.startDate.localeCompare(b.startDate))
  return pageOf(sorted.map(contractToEmployment), list)
}

export async function getEmployeeEmployment(
  context: PayfitContext,
  employeeId: string,
  id: string,
): Promise<Employment> {
  forwardedProxy(context.proxy, [])
  const contract = await readContract(context, id)
  if (contract.collaboratorId !== employeeId) throw new NotFoundError('Employment not found')
  return contractToEmployment(contract)
}

async function readContract(context: PayfitContext, id: string): Promise<AnyPayfitContract> {
  const french = await context.isFrench()
  const read = french
    ? context.client.getContractFr(context.companyId, id)
    : context.client.getContract(context.companyId, id)
  return orNotFound<AnyPayfitContract>(read, 'Employment not found')
}

/** A collaborator without contracts is an employee with no employments; an unknown id is a 404. */
export async function assertEmployeeExists(context: PayfitContext, employeeId: string) {
  await orNotFound(
    context.client.getCollaborator(context.companyId, employeeId),
    'Employee not found',
  )
}
