import { NotFoundError } from '../../../errors.ts'
import type { Company, Location } from '../../../unified/company.ts'
import type { Group } from '../../../unified/group.ts'
import type { HrisPage, ListRequest } from '../../../unified/operations.ts'
import {
  collaboratorToEmployee,
  companyToCompany,
  companyToLocation,
  parseLocationId,
  teamNameFromGroupId,
  teamToGroup,
} from '../mapping.ts'
import { forwardedProxy, orNotFound, type PayfitContext } from './context.ts'
import { pageOf } from './paging.ts'

/** A PayFit key reaches exactly one company, so the list has one entry. */
export async function listCompanies(
  context: PayfitContext,
  list: ListRequest,
): Promise<HrisPage<Company>> {
  forwardedProxy(context.proxy, [])
  return pageOf([companyToCompany(await context.company())], list)
}

export async function getCompany(context: PayfitContext, id: string): Promise<Company> {
  forwardedProxy(context.proxy, [])
  if (id !== context.companyId) throw new NotFoundError('Company not found')
  return companyToCompany(await context.company())
}

/*
 * `/locations` lists the company's address (PayFit's only work location). Home addresses are
 * personal: they appear on each employee as `home_location` and can be read by id, but are not
 * listed here, which would cost a walk of every collaborator.
 */
export async function listLocations(
  context: PayfitContext,
  list: ListRequest,
): Promise<HrisPage<Location>> {
  forwardedProxy(context.proxy, [])
  return pageOf([companyToLocation(await context.company())], list)
}

export async function getLocation(context: PayfitContext, id: string): Promise<Location> {
  forwardedProxy(context.proxy, [])
  const owner = parseLocationId(id)
  if (owner?.kind === 'work' && owner.companyId === context.companyId) {
    return companyToLocation(await context.company())
  }
  if (owner?.kind !== 'home') throw new NotFoundError('Location not found')

  const [collaborator, company] = await Promise.all([
    orNotFound(
      context.client.getCollaborator(context.companyId, owner.collaboratorId),
      'Location not found',
    ),
    context.company(),
  ])
  const employee = collaboratorToEmployee(collaborator, {
    company,
    contracts: [],
    today: context.today,
  })
  if (employee.home_location == null) throw new NotFoundError('Location not found')
  return employee.home_location
}

/** PayFit's only grouping is the collaborator's `teamName`: a walk of every collaborator. */
async function teams(context: PayfitContext): Promise<Group[]> {
  const names = await context.teamNames()
  return names.map((name) => teamToGroup(name, context.companyId))
}

export async function listTeamGroups(
  context: PayfitContext,
  list: ListRequest,
): Promise<HrisPage<Group>> {
  forwardedProxy(context.proxy, [])
  return pageOf(await teams(context), list)
}

export async function getTeamGroup(context: PayfitContext, id: string): Promise<Group> {
  forwardedProxy(context.proxy, [])
  const name = teamNameFromGroupId(id)
  const team = name === null ? undefined : (await teams(context)).find((t) => t.name === name)
  if (team === undefined) throw new NotFoundError('Group not found')
  return team
}
