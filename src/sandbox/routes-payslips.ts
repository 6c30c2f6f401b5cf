import type { FastifyInstance } from 'fastify'

import { payslipsOf } from './payroll.ts'
import { renderPayslipPdf } from './pdf.ts'
import { notFound } from './replies.ts'
import { companyOf, route } from './route-spec.ts'
import type { SandboxState } from './state.ts'

export function registerPayslipRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get(
    '/companies/:companyId/collaborators/:collaboratorId/payslips',
    route('payslips.list', 'read', 'contracts:payslips:read'),
    (request) => {
      const { collaboratorId } = request.params as { collaboratorId: string }
      const { company, collaboratorsById } = companyOf(request)
      const collaborator = collaboratorsById.get(collaboratorId)
      if (collaborator === undefined) throw notFound()
      const today = state.today()
      return {
        payslips: collaborator.contracts.flatMap((contract) =>
          payslipsOf(contract, today).map((payslip) => ({
            ...payslip,
            payslipUrl: `/companies/${company.id}/collaborators/${collaborator.id}/contracts/${contract.contractId}/payslips/${payslip.payslipId}`,
          })),
        ),
      }
    },
  )

  app.get(
    '/companies/:companyId/collaborators/:collaboratorId/contracts/:contractId/payslips/:payslipId',
    route('payslips.get', 'read', 'contracts:payslips:read'),
    async (request, reply) => {
      const params = request.params as {
        collaboratorId: string
        contractId: string
        payslipId: string
      }
      const { company, contractsById } = companyOf(request)
      const contract = contractsById.get(params.contractId)
      if (contract === undefined || contract.collaborator.id !== params.collaboratorId) {
        throw notFound()
      }
      const payslip = payslipsOf(contract, state.today()).find(
        (candidate) => candidate.payslipId === params.payslipId,
      )
      if (payslip === undefined) throw notFound()

      const pdf = await renderPayslipPdf({
        companyName: company.name,
        collaboratorName: `${contract.collaborator.firstName} ${contract.collaborator.lastName}`,
        jobName: contract.jobName,
        year: payslip.year,
        month: payslip.month,
      })
      return reply.type('application/pdf').send(Buffer.from(pdf))
    },
  )
}
