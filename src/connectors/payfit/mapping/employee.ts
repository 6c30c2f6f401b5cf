import type { Company, Location } from '../../../unified/company.ts'
import type { Employee, NationalIdentityNumber } from '../../../unified/employee.ts'
import { countryEnum, openEnum } from '../../../unified/enums.ts'
import type { PayfitCollaborator, PayfitCompany } from '../schemas.ts'
import { companyToCompany, companyToLocation, homeLocationId, teamToGroup } from './company.ts'
import { payfitDateToDateTime } from './dates.ts'
import { contractToEmployment, type EmploymentFacts } from './employment.ts'
import { employmentStatusOf, type ContractFacts } from './employment-status.ts'
import { genderByCollaboratorGender, nationalIdTypeByCountry } from './enums.ts'

export interface EmployeeContext {
  company: PayfitCompany
  /** The collaborator's contracts from the contracts list (job, hours, DSN codes). */
  contracts: readonly EmploymentFacts[]
  /** `YYYY-MM-DD`, injected so the status rules are testable and never read the local clock. */
  today: string
}

export function collaboratorToEmployee(
  collaborator: PayfitCollaborator,
  context: EmployeeContext,
): Employee {
  return employeeMapper(context.company, context.today)(collaborator, context.contracts)
}

/**
 * Maps the collaborators of one company, e.g. a page of them: the company and its work
 * location, the same in every employee, are built once and shared by every employee.
 */
export function employeeMapper(
  company: PayfitCompany,
  today: string,
): (collaborator: PayfitCollaborator, contracts: readonly EmploymentFacts[]) => Employee {
  const shared: CompanyParts = {
    company: companyToCompany(company),
    workLocation: companyToLocation(company),
  }
  return (collaborator, contracts) =>
    mapEmployee(collaborator, { company, contracts, today }, shared)
}

interface CompanyParts {
  company: Company
  workLocation: Location
}

function mapEmployee(
  collaborator: PayfitCollaborator,
  context: EmployeeContext,
  shared: CompanyParts,
): Employee {
  const { company } = context
  const facts = contractFactsOf(collaborator, context.contracts)
  const current = currentContract(facts)
  const employments = [...context.contracts]
    .sort((a, b) => a.startDate.localeCompare(b.startDate))
    .map(contractToEmployment)
  const currentEmployment = employments.find((employment) => employment.id === current?.id)
  const status = employmentStatusOf({
    contracts: facts,
    terminationDate: collaborator.terminationDate ?? null,
    today: context.today,
  })
  const name = fullNameOf(collaborator)
  const nationalIds = nationalIdsOf(collaborator, company.country)

  return {
    id: collaborator.id,
    remote_id: collaborator.id,
    first_name: collaborator.firstName,
    last_name: collaborator.lastName,
    name,
    display_name: name,
    gender: openEnum(genderByCollaboratorGender, collaborator.gender),
    date_of_birth: payfitDateToDateTime(collaborator.birthDate, 'collaborator.birthDate'),
    ...emailsOf(collaborator),
    ...phonesOf(collaborator),
    job_title: currentEmployment?.job_title ?? null,
    company: shared.company,
    company_id: company.id,
    company_name: company.name,
    manager_id: collaborator.managerId ?? null,
    remote_manager_id: collaborator.managerId ?? null,
    hire_date: payfitDateToDateTime(earliestStart(facts), 'contract.startDate'),
    start_date: payfitDateToDateTime(current?.startDate, 'contract.startDate'),
    termination_date: payfitDateToDateTime(
      collaborator.terminationDate ?? (status.value === 'terminated' ? latestEnd(facts) : null),
      'collaborator.terminationDate',
    ),
    employment_status: status,
    employment_type: currentEmployment?.employment_type ?? null,
    employment_contract_type: currentEmployment?.employment_contract_type ?? null,
    citizenships: citizenshipsOf(collaborator),
    home_location: homeLocationOf(collaborator),
    work_location: shared.workLocation,
    employments,
    employee_number: collaborator.matricule ?? null,
    national_identity_number: nationalIds[0] ?? null,
    national_identity_numbers: nationalIds,
    groups: collaborator.teamName ? [teamToGroup(collaborator.teamName, company.id)] : [],
  }
}

interface IdentifiedFacts extends ContractFacts {
  id: string
}

/** Full contracts win; the collaborator's own contract summaries fill in the rest. */
function contractFactsOf(
  collaborator: PayfitCollaborator,
  contracts: readonly EmploymentFacts[],
): IdentifiedFacts[] {
  const byId = new Map<string, IdentifiedFacts>()
  for (const summary of collaborator.contracts ?? []) {
    byId.set(summary.id, {
      id: summary.id,
      status: summary.status,
      startDate: summary.startDate ?? null,
      endDate: summary.endDate ?? null,
    })
  }
  for (const contract of contracts) {
    byId.set(contract.contractId, {
      id: contract.contractId,
      status: contract.status,
      startDate: contract.startDate,
      endDate: contract.endDate ?? null,
    })
  }
  return [...byId.values()]
}

/**
 * The contract that speaks for the employee today: the latest-started ACTIVE one, else the
 * next PENDING one, else the one that ended last.
 */
function currentContract(facts: readonly IdentifiedFacts[]): IdentifiedFacts | undefined {
  const byStart = [...facts].sort((a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? ''))
  const active = byStart.filter((c) => c.status === 'ACTIVE').at(-1)
  const pending = byStart.find((c) => c.status === 'PENDING')
  const lastEnded = [...facts]
    .sort((a, b) => (a.endDate ?? a.startDate ?? '').localeCompare(b.endDate ?? b.startDate ?? ''))
    .at(-1)
  return active ?? pending ?? lastEnded
}

function earliestStart(facts: readonly ContractFacts[]): string | null {
  const starts = facts.flatMap((c) => (c.startDate === null ? [] : [c.startDate])).sort()
  return starts[0] ?? null
}

function latestEnd(facts: readonly ContractFacts[]): string | null {
  return (
    facts
      .flatMap((c) => (c.endDate === null ? [] : [c.endDate]))
      .sort()
      .at(-1) ?? null
  )
}

function fullNameOf(collaborator: PayfitCollaborator): string {
  const { firstName, lastName, secondLastName } = collaborator
  // PayFit may already hold the Spanish second surname inside lastName (payfit-api §9.7).
  const hasSecond = secondLastName && !lastName.endsWith(secondLastName)
  return [firstName, lastName, hasSecond ? secondLastName : null].filter(Boolean).join(' ')
}

/**
 * `professional` → work email, `personal` → personal email. An `unknown` email is used as the
 * personal email only when the collaborator has no other email at all.
 */
function emailsOf(
  collaborator: PayfitCollaborator,
): Pick<Employee, 'work_email' | 'personal_email'> {
  const first = (type: string) => collaborator.emails.find((e) => e.type === type)?.email ?? null
  const work = first('professional')
  const personal = first('personal')
  const unknown = work === null && personal === null ? first('unknown') : null
  return { work_email: work, personal_email: personal ?? unknown }
}

/** `professional` → work phone; `personal` or untyped → personal phone. */
function phonesOf(
  collaborator: PayfitCollaborator,
): Pick<Employee, 'work_phone_number' | 'personal_phone_number'> {
  const phones = collaborator.phoneNumbers
  const work = phones.find((p) => p.type === 'professional')?.phoneNumber ?? null
  const personal =
    phones.find((p) => p.type === 'personal')?.phoneNumber ??
    phones.find((p) => p.type !== 'professional')?.phoneNumber ??
    null
  return { work_phone_number: work, personal_phone_number: personal }
}

function homeLocationOf(collaborator: PayfitCollaborator): Location | null {
  const address =
    collaborator.addresses.find((a) => a.type === 'personal') ?? collaborator.addresses[0]
  if (address === undefined) return null

  return {
    id: homeLocationId(collaborator.id),
    remote_id: collaborator.id,
    employee_id: collaborator.id,
    remote_employee_id: collaborator.id,
    name: 'Home',
    street_1: address.address ?? null,
    city: address.city ?? null,
    zip_code: address.postcode ?? null,
    country: countryEnum(address.country),
    location_type: { value: 'home', source_value: address.type ?? 'personal' },
  }
}

/** Null (not `[]`) when the nationality is hidden: unknown is not "stateless". */
function citizenshipsOf(collaborator: PayfitCollaborator): Employee['citizenships'] {
  const country = countryEnum(collaborator.nationality)
  return country === null ? null : [country]
}

/*
 * `socialSecurityNumber` is the number of the company's payroll country: FR NIR, GB National
 * Insurance number, ES Seguridad Social number. A French temporary technical number (NTT,
 * used until the NIR exists) has no StackOne type and is sent as `other`.
 */
function nationalIdsOf(
  collaborator: PayfitCollaborator,
  companyCountry: string,
): NationalIdentityNumber[] {
  const country = countryEnum(companyCountry)
  const ids: NationalIdentityNumber[] = []
  if (collaborator.socialSecurityNumber) {
    ids.push({
      value: collaborator.socialSecurityNumber,
      type: openEnum(nationalIdTypeByCountry, companyCountry),
      country,
    })
  }
  if (collaborator.temporaryTechnicalNumber) {
    ids.push({
      value: collaborator.temporaryTechnicalNumber,
      type: { value: 'other', source_value: 'temporaryTechnicalNumber' },
      country,
    })
  }
  return ids
}
