import {
  payfitAbsenceSchema,
  payfitCollaboratorSchema,
  payfitCompanySchema,
  payfitContractFrSchema,
  payfitContractSchema,
  payfitPayslipSchema,
  type PayfitAbsence,
  type PayfitCollaborator,
  type PayfitContract,
  type PayfitContractFr,
} from '../schemas.ts'

/*
 * PayFit replies for the mapping tests, copied from the examples documented in
 * payfit-api.md (§9.1, §9.7, §9.11, §9.14, §9.17, §9.28) and parsed by the client's own
 * schemas, so a fixture cannot hold something the client would have rejected.
 */

export const companyJson = {
  id: '64b7c0e2f1a9d3004e8a51c7',
  name: 'Atelier Brioche SAS',
  country: 'FR',
  nbActiveContracts: 23,
  identificationNumber: '84215637400022',
  address: '14 RUE DES PETITES ECURIES',
  city: 'PARIS',
  postalCode: '75010',
}

export const company = payfitCompanySchema.parse(companyJson)

export const camilleJson = {
  id: '3f0c9b2e-5d7a-4c61-9e48-1b2a7d6c8e90',
  matricule: 'EMP-0042',
  firstName: 'Camille',
  lastName: 'Rousseau',
  secondLastName: null,
  birthName: 'Lefort',
  birthDate: '1991-07-12',
  terminationDate: null,
  gender: 'female',
  nationality: 'FR',
  countryOfBirth: 'FR',
  socialSecurityNumber: '291076912345620',
  temporaryTechnicalNumber: null,
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPPXXX',
  emails: [
    { email: 'camille.rousseau@atelier-brioche.fr', type: 'professional' },
    { email: 'camille.r91@mailbox.example', type: 'personal' },
  ],
  phoneNumbers: [{ phoneNumber: '+33612345678', type: 'personal' }],
  addresses: [
    {
      address: '8 avenue Jean Jaurès',
      postcode: '69007',
      city: 'Lyon',
      country: 'FR',
      type: 'personal',
    },
  ],
  managerId: 'a9d4e1f7-2c3b-4f58-8e16-0b7d5c2a9f31',
  teamName: 'Production',
  contracts: [
    { id: '64b7c1a5f1a9d3004e8a52d1', startDate: '2021-09-01', endDate: null, status: 'ACTIVE' },
  ],
}

export const camille: PayfitCollaborator = payfitCollaboratorSchema.parse(camilleJson)

/** The same collaborator read with `collaborators:read` only (payfit-api §4.2, §9.7). */
export const camilleWithoutScopes: PayfitCollaborator = payfitCollaboratorSchema.parse({
  id: camilleJson.id,
  matricule: camilleJson.matricule,
  firstName: 'Camille',
  lastName: 'Rousseau',
  secondLastName: null,
  birthName: 'Lefort',
  birthDate: '1991-07-12',
  terminationDate: null,
  gender: 'female',
  emails: camilleJson.emails,
  phoneNumbers: [],
  addresses: [],
})

export const contractJson = {
  contractId: '64b7c1a5f1a9d3004e8a52d1',
  companyId: '64b7c0e2f1a9d3004e8a51c7',
  collaboratorId: '3f0c9b2e-5d7a-4c61-9e48-1b2a7d6c8e90',
  jobName: 'Cheffe de production',
  startDate: '2021-09-01',
  endDate: null,
  probationEndDate: '2021-12-31',
  status: 'ACTIVE',
  standardWeeklyHours: 35,
  fullTimeEquivalent: 1,
  isFullTime: true,
}

export const globalContract: PayfitContract = payfitContractSchema.parse({
  ...contractJson,
  firstName: 'Camille',
  lastName: 'Rousseau',
  birthName: 'Lefort',
  birthDate: '1991-07-12',
  contactEmail: 'camille.rousseau@atelier-brioche.fr',
  address: '8 avenue Jean Jaurès',
  city: 'Lyon',
  postalCode: '69007',
})

export const frenchContractJson = {
  ...contractJson,
  natureContratDsn: '01',
  statutConventionnelDsn: '03',
  motifRuptureDeContratDsn: null,
  idcc: '1486',
  estCadreDirigeant: false,
  healthInsuranceContractIds: ['0d6f3c2a-91b4-4e7f-a8c2-5b1e9d7f4a60'],
  providentFundContractIds: ['7a2e5c91-3d4b-4f06-b9e8-c1a2d3e4f5a6'],
  workingTimeModality: 'standard',
  numeroSecuriteSociale: '291076912345620',
  numeroTechniqueTemporaire: null,
}

export const frenchContract: PayfitContractFr = payfitContractFrSchema.parse(frenchContractJson)

export function frenchContractWith(changes: Record<string, unknown>): PayfitContractFr {
  return payfitContractFrSchema.parse({ ...frenchContractJson, ...changes })
}

export const paidLeave: PayfitAbsence = payfitAbsenceSchema.parse({
  id: '67d2a9e4c3b1f20012ef5678',
  contractId: '64b7c1a5f1a9d3004e8a52d1',
  type: 'fr_conges_payes',
  status: 'approved',
  startDate: { date: '2025-08-04', moment: 'beginning-of-day' },
  endDate: { date: '2025-08-15', moment: 'end-of-day' },
})

export const afternoonRttJson = {
  id: '67d2aa11c3b1f20012ef5690',
  contractId: '64b7c1a5f1a9d3004e8a52d1',
  type: 'fr_rtt',
  status: 'approved',
  startDate: { date: '2025-09-12', moment: 'middle-of-day' },
  endDate: { date: '2025-09-12', moment: 'end-of-day' },
}

export const afternoonRtt: PayfitAbsence = payfitAbsenceSchema.parse(afternoonRttJson)

export function absenceWith(changes: Record<string, unknown>): PayfitAbsence {
  return payfitAbsenceSchema.parse({ ...paidLeave, ...changes })
}

export const payslip = payfitPayslipSchema.parse({
  year: '2025',
  month: '02',
  contractId: '64b7c1a5f1a9d3004e8a52d1',
  payslipId: '67c1f0aa9b3e4d0012ab34cd',
  payslipUrl:
    '/companies/64b7c0e2f1a9d3004e8a51c7/collaborators/3f0c9b2e-5d7a-4c61-9e48-1b2a7d6c8e90/contracts/64b7c1a5f1a9d3004e8a52d1/payslips/67c1f0aa9b3e4d0012ab34cd',
})
