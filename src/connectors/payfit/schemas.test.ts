import { describe, expect, it } from 'vitest'

import { ProviderSchemaError } from '../../errors.ts'
import {
  parsePayfitReply,
  payfitAbsenceSchema,
  payfitCollaboratorSchema,
  payfitCompanySchema,
  payfitContractFrSchema,
  payfitIntrospectionSchema,
  payfitPageSchema,
  payfitContractSchema,
} from './schemas.ts'

// The documented examples of the reference (§9.1, §9.7, §9.14, §9.17, §9.28).
const company = {
  id: '64b7c0e2f1a9d3004e8a51c7',
  name: 'Atelier Brioche SAS',
  country: 'FR',
  nbActiveContracts: 23,
  identificationNumber: '84215637400022',
  address: '14 RUE DES PETITES ECURIES',
  city: 'PARIS',
  postalCode: '75010',
}

const fullCollaborator = {
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
  emails: [{ email: 'camille.rousseau@atelier-brioche.fr', type: 'professional' }],
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

const contract = {
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

const absence = {
  id: '67d2aa11c3b1f20012ef5690',
  contractId: '64b7c1a5f1a9d3004e8a52d1',
  type: 'fr_rtt',
  status: 'approved',
  startDate: { date: '2025-09-12', moment: 'middle-of-day' },
  endDate: { date: '2025-09-12', moment: 'end-of-day' },
}

describe('PayFit reply schemas', () => {
  it('reads the documented company, collaborator, contract and absence examples', () => {
    expect(parsePayfitReply(payfitCompanySchema, company, 'company').name).toBe(
      'Atelier Brioche SAS',
    )
    expect(parsePayfitReply(payfitCollaboratorSchema, fullCollaborator, 'c').managerId).toBe(
      'a9d4e1f7-2c3b-4f58-8e16-0b7d5c2a9f31',
    )
    expect(parsePayfitReply(payfitContractSchema, contract, 'c').contractId).toBe(
      contract.contractId,
    )
    expect(parsePayfitReply(payfitAbsenceSchema, absence, 'a').startDate.moment).toBe(
      'middle-of-day',
    )
  })

  it('treats gated collaborator fields that are absent or null alike', () => {
    const bare = {
      id: fullCollaborator.id,
      firstName: 'Camille',
      lastName: 'Rousseau',
      emails: [],
      managerId: null,
    }
    const parsed = parsePayfitReply(payfitCollaboratorSchema, bare, 'collaborator')
    expect(parsed.managerId ?? null).toBeNull()
    expect(parsed.teamName ?? null).toBeNull()
    expect(parsed.contracts ?? null).toBeNull()
    expect(parsed.phoneNumbers).toEqual([])
    expect(parsed.addresses).toEqual([])
  })

  it('keeps an enum value PayFit adds later instead of failing', () => {
    const parsed = parsePayfitReply(
      payfitAbsenceSchema,
      { ...absence, status: 'awaiting_review', type: 'fr_brand_new_leave' },
      'absence',
    )
    expect(parsed.status).toBe('awaiting_review')
    expect(parsePayfitReply(payfitCompanySchema, { ...company, country: 'DE' }, 'c').country).toBe(
      'DE',
    )
  })

  it('ignores keys it does not know', () => {
    const parsed = parsePayfitReply(payfitContractSchema, { ...contract, newThing: 1 }, 'contract')
    expect(parsed).not.toHaveProperty('newThing')
  })

  it('keeps dates as YYYY-MM-DD text and refuses other shapes, naming the path', () => {
    expect(parsePayfitReply(payfitContractSchema, contract, 'contract').startDate).toBe(
      '2021-09-01',
    )
    const drifted = { ...contract, startDate: '2021-09-01T00:00:00Z' }
    expect(() => parsePayfitReply(payfitContractSchema, drifted, 'contract')).toThrow(
      ProviderSchemaError,
    )
    try {
      parsePayfitReply(payfitAbsenceSchema, { ...absence, endDate: { date: '12/09/2025' } }, 'a')
    } catch (error) {
      expect(error).toBeInstanceOf(ProviderSchemaError)
      expect((error as ProviderSchemaError).path).toBe('endDate.date')
    }
    expect.assertions(4)
  })

  it('reads French contracts with DSN codes and optional time fields', () => {
    const fr = { ...contract, natureContratDsn: '01', statutConventionnelDsn: '03', idcc: '1486' }
    const parsed = parsePayfitReply(payfitContractFrSchema, fr, 'contract-fr')
    expect(parsed.natureContratDsn).toBe('01')
    expect(parsed.workingTimeModality ?? null).toBeNull()
  })

  it('reshapes the list envelope and ends on a null, missing or empty token', () => {
    const schema = payfitPageSchema('absences', payfitAbsenceSchema)
    const next = parsePayfitReply(
      schema,
      { absences: [absence], meta: { nextPageToken: 'abc', count: 1 } },
      'p',
    )
    expect(next).toEqual({
      items: [expect.objectContaining({ id: absence.id })],
      nextPageToken: 'abc',
      count: 1,
    })
    for (const meta of [{ nextPageToken: null, count: 0 }, {}, { nextPageToken: '' }, undefined]) {
      expect(parsePayfitReply(schema, { absences: [], meta }, 'p').nextPageToken).toBeNull()
    }
    expect(() => parsePayfitReply(schema, { collaborators: [] }, 'p')).toThrow(/"absences"/)
  })

  it('reads an inactive introspection reply that carries only active', () => {
    expect(parsePayfitReply(payfitIntrospectionSchema, { active: false }, 'i').active).toBe(false)
  })
})
