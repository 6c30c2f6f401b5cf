import {
  HrisDocumentsPaginated$inboundSchema,
  ReferencePaginated$inboundSchema,
  WorkEligibilityPaginated$inboundSchema,
} from '@stackone/stackone-client-ts/sdk/models/shared/index.js'
import { describe, expect, it } from 'vitest'

import { documentSchema, workEligibilitySchema } from '../../../unified/document.ts'
import { referenceSchema } from '../../../unified/time-off.ts'
import { payfitCollaboratorSchema } from '../schemas.ts'
import { absenceTypeCodesForCountry, absenceTypeToReference } from './absence-types.ts'
import { collaboratorToWorkEligibility, payslipCategory, payslipToDocument } from './documents.ts'
import { camille, camilleJson, camilleWithoutScopes, payslip } from './fixtures.ts'

describe('payslipToDocument', () => {
  it('maps the documented payslip to a PDF document of category payslip served by our API', () => {
    const document = payslipToDocument(payslip, camille.id)

    expect(documentSchema.parse(document)).toEqual(document)
    HrisDocumentsPaginated$inboundSchema.parse({ data: [document], next: null })
    expect(document).toMatchObject({
      id: '67c1f0aa9b3e4d0012ab34cd',
      remote_id: '67c1f0aa9b3e4d0012ab34cd',
      name: 'Payslip 2025-02',
      category: { value: 'payslip', source_value: 'payslip' },
      type: { value: 'payslip', source_value: 'payslip' },
      file_format: { value: 'pdf', source_value: 'application/pdf' },
      remote_url: `/unified/hris/employees/${camille.id}/documents/67c1f0aa9b3e4d0012ab34cd/download`,
    })
    expect(JSON.stringify(document)).not.toContain('/companies/')
  })

  it('pads a one-digit month in the name', () => {
    expect(payslipToDocument({ ...payslip, month: '3' }, camille.id).name).toBe('Payslip 2025-03')
  })

  it('describes the payslip category as a valid reference', () => {
    expect(referenceSchema.parse(payslipCategory)).toEqual(payslipCategory)
  })
})

describe('collaboratorToWorkEligibility', () => {
  it('records the nationality as a citizenship issued by that country', () => {
    const records = collaboratorToWorkEligibility(camille)

    WorkEligibilityPaginated$inboundSchema.parse({ data: records, next: null })
    expect(records.map((record) => workEligibilitySchema.parse(record))).toEqual(records)
    expect(records).toEqual([
      {
        id: `${camille.id}-citizenship`,
        remote_id: camille.id,
        type: { value: 'other', source_value: 'nationality' },
        sub_type: 'citizenship',
        issued_by: { value: 'FR', source_value: 'FR' },
      },
    ])
  })

  it('returns an empty list when the nationality is hidden or missing', () => {
    expect(collaboratorToWorkEligibility(camilleWithoutScopes)).toEqual([])
    const stateless = payfitCollaboratorSchema.parse({ ...camilleJson, nationality: null })
    expect(collaboratorToWorkEligibility(stateless)).toEqual([])
  })
})

describe('time off types', () => {
  it('lists the French catalogue as valid references with PayFit codes as ids', () => {
    const references = absenceTypeCodesForCountry('FR').map(absenceTypeToReference)

    ReferencePaginated$inboundSchema.parse({ data: references, next: null })
    expect(references.map((reference) => referenceSchema.parse(reference))).toEqual(references)
    expect(references).toContainEqual({
      id: 'fr_conges_payes',
      remote_id: 'fr_conges_payes',
      name: 'Paid leave',
      active: true,
    })
    expect(references.every((r) => r.id === 'other' || r.id?.startsWith('fr_'))).toBe(true)
  })

  it('includes the five company-defined leave types for GB companies', () => {
    expect(absenceTypeCodesForCountry('GB')).toContain('uk_custom_leave_5')
    expect(absenceTypeCodesForCountry('FR')).not.toContain('uk_custom_leave_5')
  })

  it('names an unlisted code from the code itself', () => {
    expect(absenceTypeToReference('es_permiso_por_horas').name).toBe('Permiso por horas')
  })
})
