import type { Company, Location } from '../../../unified/company.ts'
import { countryEnum } from '../../../unified/enums.ts'
import type { Group } from '../../../unified/group.ts'
import type { PayfitCompany } from '../schemas.ts'

/*
 * PayFit addresses have no ids of their own, so location ids are derived from the owner:
 * `<companyId>-work` for the company's address, `<collaboratorId>-home` for a collaborator's
 * personal address; `remote_id` is the owner's PayFit id.
 */

const workSuffix = '-work'
const homeSuffix = '-home'

export function workLocationId(companyId: string): string {
  return `${companyId}${workSuffix}`
}

export function homeLocationId(collaboratorId: string): string {
  return `${collaboratorId}${homeSuffix}`
}

export type LocationOwner =
  { kind: 'work'; companyId: string } | { kind: 'home'; collaboratorId: string }

/** Reads a location id back into its PayFit owner; null for an id we never minted. */
export function parseLocationId(id: string): LocationOwner | null {
  if (id.endsWith(workSuffix) && id.length > workSuffix.length) {
    return { kind: 'work', companyId: id.slice(0, -workSuffix.length) }
  }
  if (id.endsWith(homeSuffix) && id.length > homeSuffix.length) {
    return { kind: 'home', collaboratorId: id.slice(0, -homeSuffix.length) }
  }
  return null
}

export function companyToCompany(company: PayfitCompany): Company {
  return {
    id: company.id,
    remote_id: company.id,
    name: company.name,
    full_name: company.name,
    display_name: company.name,
    unified_custom_fields: {
      country: company.country,
      identification_number: company.identificationNumber ?? null,
    },
  }
}

export function companyToLocation(company: PayfitCompany): Location {
  return {
    id: workLocationId(company.id),
    remote_id: company.id,
    name: company.name,
    street_1: company.address ?? null,
    city: company.city ?? null,
    zip_code: company.postalCode ?? null,
    country: countryEnum(company.country),
    location_type: { value: 'work', source_value: 'company' },
  }
}

/*
 * PayFit teams are a free label on the collaborator (`teamName`, payfit-api §11.1) with no id,
 * so a team's id is `team-` + the base64url of its name: stable, unique per name, and
 * reversible without a lookup. `remote_id` is the name itself, PayFit's only handle on a team.
 */
const teamPrefix = 'team-'

export function teamGroupId(teamName: string): string {
  return `${teamPrefix}${Buffer.from(teamName, 'utf8').toString('base64url')}`
}

export function teamNameFromGroupId(id: string): string | null {
  if (!id.startsWith(teamPrefix)) return null

  const encoded = id.slice(teamPrefix.length)
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return null
  const name = Buffer.from(encoded, 'base64url').toString('utf8')
  return teamGroupId(name) === id ? name : null
}

export function teamToGroup(teamName: string, companyId: string): Group {
  return {
    id: teamGroupId(teamName),
    remote_id: teamName,
    name: teamName,
    company_id: companyId,
    remote_company_id: companyId,
    type: { value: 'team', source_value: 'teamName' },
  }
}
