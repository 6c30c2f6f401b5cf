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
import { afternoonRttJson, camilleJson, companyJson, contractJson } from './mapping/fixtures.ts'

// The documented examples of the reference, as PayFit sends them (before any parsing).
const company = companyJson
const fullCollaborator = camilleJson
const contract = contractJson
const absence = afternoonRttJson

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
