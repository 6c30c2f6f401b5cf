import type { Employee } from '../../../unified/employee.ts'
import type { HrisPage, ListRequest } from '../../../unified/operations.ts'
import { collaboratorToEmployee, type EmploymentFacts } from '../mapping.ts'
import { employeeMapper } from '../mapping/employee.ts'
import type { PayfitCollaborator, PayfitCompany } from '../schemas.ts'
import {
  forwardedProxy,
  inProgressContracts,
  nullIfNotFound,
  orNotFound,
  type PayfitContext,
} from './context.ts'
import type { ContractIndex } from './contract-index.ts'
import { spanStartToken, walkSpan, type PageFetcher } from './paging.ts'

const collaboratorProxyKeys = ['includeInProgressContracts'] as const

/*
 * Employees are collaborators joined with the company's contracts: one walk of `/contracts`
 * (cached per account) instead of one contract call per employee, so a full listing costs
 * ceil(N/50) collaborator pages + ceil(N/50) contract pages + 1 company call. While a long
 * contract walk runs, the collaborator pages are read ahead beside it (read-ahead.ts), so a
 * full walk takes about max(collaborator pages, contract pages) calls' time, not their sum.
 * `filter[email]` is PayFit's own `email` query (it matches emails held on contracts);
 * `filter[employee_number]` has no PayFit counterpart and is applied while walking.
 */
export async function listEmployees(
  context: PayfitContext,
  list: ListRequest,
): Promise<HrisPage<Employee>> {
  const proxy = forwardedProxy(context.proxy, collaboratorProxyKeys)
  const number = list.filter.employee_number
  const keep = (collaborator: PayfitCollaborator) =>
    number === null || collaborator.matricule === number

  const startToken = spanStartToken(list)
  const fetch = collaboratorFetcher(context, list.filter.email ?? undefined, proxy)
  const company = context.company()
  const contracts = context.contracts({ walking: true })
  const pages = context.readAheadPages(
    collaboratorListName(list.filter.email ?? undefined, proxy),
    fetch,
    readAheadWindow(list, company, contracts),
  )
  pages.follow(startToken)
  // The window grows once the company says how long the contract walk will be.
  void company.then(
    () => {
      pages.follow(startToken)
    },
    () => undefined,
  )

  const [page, payfitCompany, index] = await Promise.all([
    walkSpan(pages.fetch, list, keep),
    company,
    contracts,
  ])
  const toEmployee = employeeMapper(payfitCompany, context.today)
  return {
    data: page.data.map((collaborator) =>
      toEmployee(collaborator, index.contractsOf(collaborator.id) ?? []),
    ),
    next: page.next,
  }
}

// Below this many contracts the index walk is short, and a listing that stops after one page
// (most do) reads no page it does not answer from.
const readAheadFromContracts = 500
// 10,000 collaborators held at most per chain; the read-ahead's own item budget bounds them all.
const pagesAheadOfLongWalks = 200
const pagesAheadWhileWalking = 4

/**
 * How many collaborator pages a read-ahead chain may hold untaken. While a long contract walk
 * runs (the company's active contracts say it is long), up to `pagesAheadOfLongWalks`, so both
 * walks run side by side. Once the index is ready, a client following `next` takes held pages
 * far faster than PayFit answers, so the chain keeps reading while it drains what it held (a
 * chain paused there would make the client wait one PayFit call for every page left); once
 * drained, it stays a few pages ahead, as for any client following `next`.
 */
function readAheadWindow(
  list: ListRequest,
  company: Promise<PayfitCompany>,
  contracts: Promise<ContractIndex>,
): (held: number) => number {
  let indexing = true
  let longWalk = false
  void contracts.then(
    () => {
      indexing = false
    },
    () => {
      indexing = false
    },
  )
  void company.then(
    (known) => {
      longWalk = (known.nbActiveContracts ?? 0) >= readAheadFromContracts
    },
    () => undefined,
  )
  const walking = list.cursor !== null
  return (held) => {
    const draining = walking && held > pagesAheadWhileWalking
    if (longWalk && (indexing || draining)) return pagesAheadOfLongWalks
    return walking ? pagesAheadWhileWalking : 0
  }
}

function collaboratorListName(email: string | undefined, proxy: Record<string, string>): string {
  return `collaborators|${email ?? ''}|${JSON.stringify(proxy)}`
}

function collaboratorFetcher(
  context: PayfitContext,
  email: string | undefined,
  proxy: Record<string, string>,
): PageFetcher<PayfitCollaborator> {
  const includeInProgressContracts = inProgressContracts(proxy)
  return (token) =>
    context.client.listCollaborators(context.companyId, {
      maxResults: 50,
      nextPageToken: token ?? undefined,
      email,
      includeInProgressContracts,
    })
}

/**
 * One collaborator call, plus its contracts: from the cached index when one is built, else one
 * call per contract the collaborator lists (usually one or two), never waiting for a walk.
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
): Promise<readonly EmploymentFacts[]> {
  const built = await context.builtContracts()
  if (built !== undefined || collaborator.contracts == null) {
    const index = built ?? (await context.contracts())
    return index.contractsOf(collaborator.id) ?? []
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
