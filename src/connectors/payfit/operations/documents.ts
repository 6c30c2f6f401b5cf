import { NotFoundError } from '../../../errors.ts'
import type { Document, WorkEligibility } from '../../../unified/document.ts'
import type { HrisFile, HrisPage, ListRequest } from '../../../unified/operations.ts'
import { collaboratorToWorkEligibility, payslipToDocument } from '../mapping.ts'
import type { PayfitPayslip } from '../schemas.ts'
import { forwardedProxy, orNotFound, type PayfitContext } from './context.ts'
import { pageOf } from './paging.ts'

/*
 * Payslips are an employee's documents (category `payslip`): one call lists them all, newest
 * first; a document read or download lists them again to find the payslip's contract.
 */
async function payslips(context: PayfitContext, employeeId: string): Promise<PayfitPayslip[]> {
  forwardedProxy(context.proxy, [])
  const reply = await orNotFound(
    context.client.listPayslips(context.companyId, employeeId),
    'Employee not found',
  )
  return [...reply.payslips].sort((a, b) =>
    `${b.year}-${b.month.padStart(2, '0')}`.localeCompare(`${a.year}-${a.month.padStart(2, '0')}`),
  )
}

async function payslip(context: PayfitContext, employeeId: string, id: string) {
  const found = (await payslips(context, employeeId)).find((p) => p.payslipId === id)
  if (found === undefined) throw new NotFoundError('Document not found')
  return found
}

export async function listEmployeeDocuments(
  context: PayfitContext,
  employeeId: string,
  list: ListRequest,
): Promise<HrisPage<Document>> {
  const documents = (await payslips(context, employeeId)).map((p) =>
    payslipToDocument(p, employeeId),
  )
  return pageOf(documents, list)
}

export async function getEmployeeDocument(
  context: PayfitContext,
  employeeId: string,
  id: string,
): Promise<Document> {
  return payslipToDocument(await payslip(context, employeeId, id), employeeId)
}

export async function downloadEmployeeDocument(
  context: PayfitContext,
  employeeId: string,
  id: string,
): Promise<HrisFile> {
  const found = await payslip(context, employeeId, id)
  const pdf = await orNotFound(
    context.client.getPayslipPdf(context.companyId, {
      collaboratorId: employeeId,
      contractId: found.contractId,
      payslipId: found.payslipId,
    }),
    'Document not found',
  )
  return {
    bytes: pdf.bytes,
    contentType: pdf.contentType,
    fileName: `payslip-${found.year}-${found.month.padStart(2, '0')}.pdf`,
  }
}

/** Derived from the nationality (see the mapping): one collaborator call. */
async function workEligibility(context: PayfitContext, employeeId: string) {
  forwardedProxy(context.proxy, [])
  const collaborator = await orNotFound(
    context.client.getCollaborator(context.companyId, employeeId),
    'Employee not found',
  )
  return collaboratorToWorkEligibility(collaborator)
}

export async function listEmployeeWorkEligibility(
  context: PayfitContext,
  employeeId: string,
  list: ListRequest,
): Promise<HrisPage<WorkEligibility>> {
  return pageOf(await workEligibility(context, employeeId), list)
}

export async function getEmployeeWorkEligibility(
  context: PayfitContext,
  employeeId: string,
  id: string,
): Promise<WorkEligibility> {
  const found = (await workEligibility(context, employeeId)).find((w) => w.id === id)
  if (found === undefined) throw new NotFoundError('Work eligibility not found')
  return found
}
