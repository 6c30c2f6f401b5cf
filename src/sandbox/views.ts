import { isInProgress, statusOf, type Clock } from './contract-state.ts'
import type { AbsenceRecord, CollaboratorRecord, ContractRecord } from './types.ts'

/**
 * Scope-gated field groups (reference §4.2). Whether PayFit omits a gated key or sends `null` is
 * not documented, so each group is a switch; the defaults are the reference's best guess.
 */
export const defaultFieldGating = {
  'collaborator.contracts': 'omit',
  'collaborator.management': 'omit',
  'collaborator.socialSecurity': 'omit',
  'collaborator.legalIdentity': 'omit',
  'collaborator.bankInfo': 'omit',
  'contract.timeInformation': 'null',
  'contractFr.workingTimeModality': 'omit',
  'contractFr.healthInsurance': 'null',
  'contractFr.socialSecurity': 'null',
} as const satisfies Record<string, GatingMode>

export type GatingMode = 'omit' | 'null'
export type FieldGroup = keyof typeof defaultFieldGating
export type FieldGating = Record<FieldGroup, GatingMode>

export interface ViewContext extends Clock {
  granted: ReadonlySet<string>
  gating: FieldGating
  includeInProgress: boolean
}

type Json = Record<string, unknown>

/** Copies `fields` when `scope` is granted, else nulls or omits them per the group's switch. */
function gated(view: ViewContext, group: FieldGroup, scope: string, fields: Json): Json {
  if (view.granted.has(scope)) return fields
  if (view.gating[group] === 'omit') return {}
  return Object.fromEntries(Object.keys(fields).map((key) => [key, null]))
}

export function visibleContracts(
  collaborator: CollaboratorRecord,
  view: ViewContext,
): ContractRecord[] {
  return collaborator.contracts.filter(
    (contract) => view.includeInProgress || !isInProgress(contract, view),
  )
}

/** End of the collaborator's latest contract, null while it runs open-ended. */
export function terminationDateOf(contracts: readonly ContractRecord[]): string | null {
  let latest: ContractRecord | undefined
  for (const contract of contracts) {
    if (latest === undefined || contract.startDate > latest.startDate) latest = contract
  }
  return latest?.endDate ?? null
}

export function renderCollaborator(collaborator: CollaboratorRecord, view: ViewContext): Json {
  const personal = view.granted.has('collaborators:personal:read')
  const contracts = visibleContracts(collaborator, view)
  return {
    id: collaborator.id,
    matricule: collaborator.matricule,
    firstName: collaborator.firstName,
    lastName: collaborator.lastName,
    secondLastName: collaborator.secondLastName,
    birthName: collaborator.birthName,
    birthDate: collaborator.birthDate,
    terminationDate: terminationDateOf(contracts),
    gender: collaborator.gender,
    ...gated(view, 'collaborator.legalIdentity', 'collaborators:legal-identity:read', {
      nationality: collaborator.nationality,
      countryOfBirth: collaborator.countryOfBirth,
    }),
    ...gated(view, 'collaborator.socialSecurity', 'collaborators:social-security:read', {
      socialSecurityNumber: collaborator.socialSecurityNumber,
      temporaryTechnicalNumber: collaborator.temporaryTechnicalNumber,
    }),
    ...gated(view, 'collaborator.bankInfo', 'collaborators:bank-info:read', {
      iban: collaborator.iban,
      bic: collaborator.bic,
    }),
    emails: collaborator.emails,
    phoneNumbers: collaborator.phoneNumbers.filter(
      (entry) => personal || entry.type !== 'personal',
    ),
    addresses: personal ? collaborator.addresses : [],
    ...gated(view, 'collaborator.management', 'collaborators:management:read', {
      managerId: collaborator.managerId,
      teamName: collaborator.teamName,
    }),
    ...gated(view, 'collaborator.contracts', 'collaborators:contracts:read', {
      contracts: contracts.map((contract) => ({
        id: contract.contractId,
        startDate: contract.startDate,
        endDate: contract.endDate,
        status: statusOf(contract, view),
      })),
    }),
  }
}

/**
 * The global contract. Lists still carry the deprecated personal fields (§9.14, guess §13.2);
 * single reads do not.
 */
export function renderContract(
  contract: ContractRecord,
  view: ViewContext,
  shape: { isListItem: boolean },
): Json {
  const person = contract.collaborator
  const address = person.addresses[0]
  return {
    contractId: contract.contractId,
    companyId: contract.companyId,
    collaboratorId: person.id,
    jobName: contract.jobName,
    startDate: contract.startDate,
    endDate: contract.endDate,
    probationEndDate: contract.probationEndDate,
    status: statusOf(contract, view),
    ...gated(view, 'contract.timeInformation', 'contracts:time-information:read', {
      standardWeeklyHours: contract.standardWeeklyHours,
      fullTimeEquivalent: contract.fullTimeEquivalent,
      isFullTime: contract.isFullTime,
    }),
    ...(shape.isListItem
      ? {
          firstName: person.firstName,
          lastName: person.lastName,
          birthName: person.birthName,
          birthDate: person.birthDate,
          contactEmail: person.emails.find((email) => email.type === 'professional')?.email ?? null,
          address: address?.address ?? null,
          city: address?.city ?? null,
          postalCode: address?.postcode ?? null,
        }
      : {}),
  }
}

export function renderContractFr(
  contract: ContractRecord,
  view: ViewContext,
  shape: { isListItem: boolean },
): Json {
  const fr = contract.fr
  if (fr === null) return renderContract(contract, view, shape)
  const person = contract.collaborator
  return {
    ...renderContract(contract, view, shape),
    natureContratDsn: fr.natureContratDsn,
    statutConventionnelDsn: fr.statutConventionnelDsn,
    motifRuptureDeContratDsn: fr.motifRuptureDeContratDsn,
    idcc: fr.idcc,
    estCadreDirigeant: fr.estCadreDirigeant,
    ...gated(view, 'contractFr.healthInsurance', 'health-insurance:read', {
      healthInsuranceContractIds: fr.healthInsuranceContractIds,
      providentFundContractIds: fr.providentFundContractIds,
    }),
    ...gated(view, 'contractFr.workingTimeModality', 'contracts:time-information:read', {
      workingTimeModality: fr.workingTimeModality,
    }),
    ...gated(view, 'contractFr.socialSecurity', 'collaborators:social-security:read', {
      numeroSecuriteSociale: person.socialSecurityNumber,
      numeroTechniqueTemporaire: person.temporaryTechnicalNumber,
    }),
  }
}

export function renderAbsence(absence: AbsenceRecord): Json {
  return {
    id: absence.id,
    contractId: absence.contractId,
    type: absence.type,
    status: absence.status,
    startDate: absence.startDate,
    endDate: absence.endDate,
  }
}
