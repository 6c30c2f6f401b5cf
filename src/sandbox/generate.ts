import { generateAbsences } from './generate-absences.ts'
import { generateContracts } from './generate-contracts.ts'
import { ageForCareer, generateCollaborator, slug, type PersonContext } from './generate-people.ts'
import { generateSiren, generateSiret, withLuhnDigit } from './identifiers.ts'
import { randomFor, type Random } from './random.ts'
import type {
  AbsenceRecord,
  CollaboratorRecord,
  CompanyData,
  CompanyRecord,
  Country,
} from './types.ts'
import { companyNameParts, idccs, placesByCountry, streetsByCountry, teams } from './vocabulary.ts'

export interface CompanySpec {
  index: number
  country: Country
  employees: number
}

/** Builds one company and all its people; the same seed and spec always give the same data. */
export function generateCompany(seed: number, spec: CompanySpec, today: string): CompanyData {
  const id = companyId(seed, spec.index)
  const random = randomFor(seed, `company:${String(spec.index)}`)
  const company = companyRecord(random, id, spec.country)
  const context: PersonContext = {
    random,
    company,
    matriculeStyle: random.chance(0.5) ? 'prefixed' : 'numeric',
    professionalEmailCounts: new Map(),
  }

  const collaborators = generateOrganisation(context, spec.employees, today)
  const contracts = collaborators.flatMap((collaborator) => collaborator.contracts)
  const absences: AbsenceRecord[] = []
  for (const contract of contracts) {
    for (const absence of generateAbsences(random, contract, { country: spec.country, today })) {
      absences.push(absence)
    }
  }

  return {
    company,
    collaborators,
    collaboratorsById: new Map(collaborators.map((c) => [c.id, c])),
    contracts,
    contractsById: new Map(contracts.map((c) => [c.contractId, c])),
    absences,
    absencesById: new Map(absences.map((a) => [a.id, a])),
    absencesByContract: groupByContract(absences),
  }
}

function groupByContract(absences: readonly AbsenceRecord[]): Map<string, AbsenceRecord[]> {
  const groups = new Map<string, AbsenceRecord[]>()
  for (const absence of absences) {
    const group = groups.get(absence.contractId)
    if (group === undefined) groups.set(absence.contractId, [absence])
    else group.push(absence)
  }
  return groups
}

/** Company ids come from their own stream so they do not change with the company's size. */
export function companyId(seed: number, index: number): string {
  const random = randomFor(seed, `company-id:${String(index)}`)
  return random.objectId()
}

/**
 * Person 0 heads the company; each team's first member reports to them; everyone else reports
 * to their team's head or to an earlier team member. Managers always come earlier in the list,
 * so the tree has no cycle.
 */
function generateOrganisation(
  context: PersonContext,
  employees: number,
  today: string,
): CollaboratorRecord[] {
  const { random } = context
  const teamCount = Math.min(teams.length - 1, Math.max(1, Math.ceil(employees / 12)))
  const activeTeams = teams.slice(1, 1 + teamCount)
  const members = new Map<string, CollaboratorRecord[]>()
  const collaborators: CollaboratorRecord[] = []

  for (let index = 0; index < employees; index++) {
    const collaborator = generateCollaborator(context, index)
    const head = collaborators[0]
    let jobName: string
    if (head === undefined) {
      collaborator.teamName = 'Direction'
      jobName = 'Directeur général'
    } else {
      const team = activeTeams[index <= teamCount ? index - 1 : random.int(0, teamCount - 1)]
      if (team === undefined) throw new Error('unreachable: team index in range')
      const teamMembers = members.get(team.name) ?? []
      members.set(team.name, teamMembers)
      const manager =
        teamMembers.length === 0 || random.chance(0.75)
          ? (teamMembers[0] ?? head)
          : random.pick(teamMembers.slice(0, 6))
      collaborator.managerId = manager.id
      collaborator.teamName = random.chance(0.97) ? team.name : null
      jobName =
        teamMembers.length === 0 ? (team.jobs[0] ?? team.name) : random.pick(team.jobs.slice(1))
      teamMembers.push(collaborator)
    }
    collaborator.contracts = generateContracts(
      { random, company: context.company, today },
      collaborator,
      { isHead: index === 0, jobName },
    )
    ageForCareer(random, collaborator)
    collaborators.push(collaborator)
  }
  return collaborators
}

function companyRecord(random: Random, id: string, country: Country): CompanyRecord {
  const parts = companyNameParts[country]
  const first = random.pick(parts.first)
  const second = random.pick(parts.second)
  const place = random.pick(placesByCountry[country])
  const siren = country === 'FR' ? generateSiren(random) : null
  const identificationNumber =
    siren !== null
      ? generateSiret(random, siren)
      : country === 'ES'
        ? `B${withLuhnDigit(random.digits(7))}`
        : `0${random.digits(7)}`

  return {
    id,
    name: `${first} ${second} ${random.pick(parts.suffix)}`,
    country,
    identificationNumber,
    address:
      `${String(random.int(1, 120))} ${random.pick(streetsByCountry[country])}`.toUpperCase(),
    city: place.city.toUpperCase(),
    postalCode: place.postcode,
    siren,
    idcc: country === 'FR' ? random.pick(idccs) : null,
    domain: `${slug(`${first}-${second}`)}.example`,
    healthInsuranceContractIds: country === 'FR' ? [random.uuid()] : [],
    providentFundContractIds: country === 'FR' ? [random.uuid()] : [],
  }
}
