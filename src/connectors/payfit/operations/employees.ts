import type { Employee } from '../../../unified/employee.ts'
import type { HrisPage, ListRequest } from '../../../unified/operations.ts'
import { collaboratorToEmployee, type AnyPayfitContract } from '../mapping.ts'
import { employeeMapper } from '../mapping/employee.ts'
import type { PayfitCollaborator } from '../schemas.ts'
import {
  forwardedProxy,
  inProgressContracts,
  nullIfNotFound,
  orNotFound,
  type PayfitContext,
} from './context.ts'
import { walkSpan } from './paging.ts'

const collaboratorProxyKeys = ['includeInProgressContracts'] as const

/*
 * Employees are collaborators joined with the company's contracts: one walk of `/contracts`
 * (cached per account) instead of one contract call per employee, so a full listing costs
 * ceil(N/50) collaborator pages + ceil(N/50) contract pages + 1 company call.
 * `filter[email]` is PayFit's own `email` query (it matches emails held on contracts);
 * `filter[employee_number]` has no PayFit counterpart and is applied while walking.
 */
export async function listEmployees(
  context: PayfitContext,
  list: ListRequest,
): Promise<HrisPage<Employee>> {
  const proxy = forwardedProxy(context.proxy, collaboratorProxyKeys)
  const number = list.filter.employee_number
  const fetch = collaboratorPages(context, list.filter.email ?? undefined, proxy)
  const keep = (collaborator: PayfitCollaborator) =>
    number === null || collaborator.matricule === number

  const [page, company, contracts] = await Promise.all([
    walkSpan(fetch, list, keep),
    context.company(),
    context.contracts(),
  ])
  const toEmployee = employeeMapper(company, context.today)
  return {
    data: page.data.map((collaborator) =>
      toEmployee(collaborator, contracts.byCollaborator.get(collaborator.id) ?? []),
    ),
    next: page.next,
  }
}

/** Collaborator pages of 50, cached per token so walks and team listings share them. */
export function collaboratorPages(
  context: PayfitContext,
  email?: string,
  proxy: Record<string, string> = {},
) {
  return context.pages(`collaborators|${email ?? ''}|${JSON.stringify(proxy)}`, (token) =>
    context.client.listCollaborators(context.companyId, {
      maxResults: 50,
      nextPageToken: token ?? undefined,
      email,
      includeInProgressContracts: inProgressContracts(proxy),
    }),
  )
}

/**
 * One collaborator call, plus its contracts: from the cached index when one is fresh, else one
 * call per contract the collaborator lists (usually one or two).
 */
export async function getEmployee(context: PayfitContext, id: string): Promise<Employee> {
  forwardedProxy(context.proxy, [])
  const [collaborator, company] = await Promise.all([
    orNotFound(context.client.getCollaborator(context.companyId, id), 'Employee not found'),
    context.company(),
  ])
  return collaboratorToEmployee(collaborator, {
    company,
    contracts: await contractsOf(context, collaborator),
    today: context.today,
  })
}

export async function contractsOf(
  context: PayfitContext,
  collaborator: PayfitCollaborator,
): Promise<readonly AnyPayfitContract[]> {
  const cachedIndex = context.cachedContracts()
  if (cachedIndex !== undefined || collaborator.contracts == null) {
    const index = await (cachedIndex ?? context.contracts())
    return index.byCollaborator.get(collaborator.id) ?? []
  }
  const french = await context.isFrench()
  const read = (contractId: string) =>
    nullIfNotFound(
      french
        ? context.client.getContractFr(context.companyId, contractId)
        : context.client.getContract(context.companyId, contractId),
    )
  const contracts = await Promise.all(collaborator.contracts.map((summary) => read(summary.id)))
  return contracts.flatMap((contract) => (contract === null ? [] : [contract]))
}
