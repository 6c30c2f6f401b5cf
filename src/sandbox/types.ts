/**
 * The sandbox's own reading of PayFit's JSON (reference §9) and the records it keeps. Written
 * independently of `connectors/payfit/` on purpose: the two readings must be free to disagree.
 */
export type Country = 'FR' | 'ES' | 'GB'
export type ContractStatus = 'ACTIVE' | 'ARCHIVED' | 'PENDING'
export type Gender = 'male' | 'female' | 'other'
export type Moment = 'beginning-of-day' | 'middle-of-day' | 'end-of-day'
export type AbsenceStatus =
  'approved' | 'pending_approval' | 'declined' | 'cancelled' | 'pending_cancellation'

export interface PayfitEmail {
  email: string
  type: 'professional' | 'personal' | 'unknown'
}

export interface PayfitPhoneNumber {
  phoneNumber: string
  type: 'personal' | 'professional'
}

export interface PayfitAddress {
  address: string
  postcode: string
  city: string
  country: string
  type: 'personal'
}

export interface CompanyRecord {
  id: string
  name: string
  country: Country
  identificationNumber: string
  address: string
  city: string
  postalCode: string
  /** French companies only. */
  siren: string | null
  idcc: string | null
  domain: string
  healthInsuranceContractIds: string[]
  providentFundContractIds: string[]
}

export interface CollaboratorRecord {
  id: string
  matricule: string | null
  firstName: string
  lastName: string
  secondLastName: string | null
  birthName: string | null
  birthDate: string | null
  gender: Gender | null
  emails: PayfitEmail[]
  phoneNumbers: PayfitPhoneNumber[]
  addresses: PayfitAddress[]
  managerId: string | null
  teamName: string | null
  nationality: string | null
  countryOfBirth: string | null
  socialSecurityNumber: string | null
  temporaryTechnicalNumber: string | null
  iban: string | null
  bic: string | null
  contracts: ContractRecord[]
}

export interface FrenchContractFields {
  natureContratDsn: string
  statutConventionnelDsn: string
  motifRuptureDeContratDsn: string | null
  idcc: string | null
  estCadreDirigeant: boolean
  healthInsuranceContractIds: string[]
  providentFundContractIds: string[]
  workingTimeModality: 'standard' | 'forfait_heures' | 'forfait_jours'
}

export interface ContractRecord {
  contractId: string
  companyId: string
  collaborator: CollaboratorRecord
  jobName: string
  startDate: string
  endDate: string | null
  probationEndDate: string | null
  status: ContractStatus
  standardWeeklyHours: number | null
  fullTimeEquivalent: number | null
  isFullTime: boolean | null
  fr: FrenchContractFields | null
  /** Set on contracts initialised through the API: still "in progress" until the delay passes. */
  initialisedAtMs: number | null
}

export interface AbsenceRecord {
  id: string
  contractId: string
  type: string
  status: AbsenceStatus
  startDate: { date: string; moment: Moment }
  endDate: { date: string; moment: Moment }
}

export interface CompanyData {
  company: CompanyRecord
  collaborators: CollaboratorRecord[]
  collaboratorsById: Map<string, CollaboratorRecord>
  contracts: ContractRecord[]
  contractsById: Map<string, ContractRecord>
  /** Oldest first; lists read it from the end (newest first). */
  absences: AbsenceRecord[]
  absencesById: Map<string, AbsenceRecord>
  absencesByContract: Map<string, AbsenceRecord[]>
}
