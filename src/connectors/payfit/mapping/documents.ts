import type { Document, WorkEligibility } from '../../../unified/document.ts'
import { countryEnum } from '../../../unified/enums.ts'
import type { Reference } from '../../../unified/time-off.ts'
import type { PayfitCollaborator, PayfitPayslip } from '../schemas.ts'

export const payslipCategoryId = 'payslip'

export const payslipCategory: Reference = {
  id: payslipCategoryId,
  remote_id: null,
  name: 'Payslip',
  active: true,
}

/**
 * A payslip as an employee document. Its id is PayFit's payslip id; `remote_url` is the path
 * where our API serves the PDF — PayFit's own `payslipUrl` needs the account's key, so it is
 * never handed out.
 */
export function payslipToDocument(payslip: PayfitPayslip, employeeId: string): Document {
  const period = `${payslip.year}-${payslip.month.padStart(2, '0')}`
  const path = `/unified/hris/employees/${encodeURIComponent(employeeId)}/documents`

  return {
    id: payslip.payslipId,
    remote_id: payslip.payslipId,
    name: `Payslip ${period}`,
    category_id: payslipCategoryId,
    type: { value: 'payslip', source_value: 'payslip' },
    category: { value: 'payslip', source_value: 'payslip' },
    file_format: { value: 'pdf', source_value: 'application/pdf' },
    remote_url: `${path}/${encodeURIComponent(payslip.payslipId)}/download`,
    unified_custom_fields: { period, contract_id: payslip.contractId },
  }
}

/*
 * PayFit stores no visa, permit or passport. What it knows is the nationality, which is the
 * basis of a national's right to work, so a collaborator with a nationality gets one record of
 * type `other`, sub type `citizenship`, issued by that country; without one (or without
 * `collaborators:legal-identity:read`) the list is empty.
 */
export function collaboratorToWorkEligibility(collaborator: PayfitCollaborator): WorkEligibility[] {
  const issuedBy = countryEnum(collaborator.nationality)
  if (issuedBy === null) return []

  return [
    {
      id: `${collaborator.id}-citizenship`,
      remote_id: collaborator.id,
      type: { value: 'other', source_value: 'nationality' },
      sub_type: 'citizenship',
      issued_by: issuedBy,
    },
  ]
}
