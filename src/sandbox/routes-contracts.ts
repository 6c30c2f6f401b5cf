import type { FastifyInstance } from 'fastify'
import { z } from 'zod'

import { isInProgress, isListed } from './contract-state.ts'
import { isValidDate } from './dates.ts'
import { collectPage, readPageRequest } from './pagination.ts'
import { workedTimeOf } from './payroll.ts'
import { readBoolean, readMonth, type Query } from './query.ts'
import { notFound } from './replies.ts'
import { parseBody, viewOf } from './request-view.ts'
import { companyOf, route } from './route-spec.ts'
import type { SandboxState } from './state.ts'
import type { CompanyData, ContractRecord } from './types.ts'
import { renderContract, renderContractFr, type ViewContext } from './views.ts'

const initialiseContractSchema = z.object({
  jobTitle: z.string().min(1),
  startDate: z.string().refine(isValidDate),
})

export function registerContractRoutes(app: FastifyInstance, state: SandboxState): void {
  const listContracts = (data: CompanyData, query: Query, view: ViewContext, isFrench: boolean) => {
    const page = readPageRequest(query)
    const render = isFrench ? renderContractFr : renderContract
    const result = collectPage(data.contracts, page, (contract) =>
      isListed(contract, view, view.includeInProgress)
        ? render(contract, view, { isListItem: true })
        : undefined,
    )
    return {
      contracts: result.items,
      meta: { nextPageToken: result.nextPageToken, count: result.items.length },
    }
  }

  /** A contract initialised moments ago is not readable yet (§9.13's consistency delay). */
  const findContract = (
    data: CompanyData,
    contractId: string,
    view: ViewContext,
  ): ContractRecord => {
    const contract = data.contractsById.get(contractId)
    if (contract === undefined || isInProgress(contract, view)) throw notFound()
    return contract
  }

  app.get(
    '/companies/:companyId/contracts',
    route('contracts.list', 'read', 'contracts:read'),
    (request) => {
      const query = request.query as Query
      const view = viewOf(request, state, readBoolean(query, 'includeInProgressContracts'))
      return listContracts(companyOf(request), query, view, false)
    },
  )

  app.get(
    '/companies/:companyId/contracts/time',
    route('contractsTime.list', 'read', 'time:read', { isFrenchOnly: true }),
    (request) => {
      const query = request.query as Query
      const month = readMonth(query)
      const page = readPageRequest(query)
      const view = viewOf(request, state)
      const result = collectPage(companyOf(request).contracts, page, (contract) =>
        isInProgress(contract, view) ? undefined : workedTimeOf(contract, month),
      )
      return {
        contracts: result.items,
        meta: { nextPageToken: result.nextPageToken, count: result.items.length },
      }
    },
  )

  app.get(
    '/companies/:companyId/contracts/:contractId',
    route('contracts.get', 'read', 'contracts:read'),
    (request) => {
      const { contractId } = request.params as { contractId: string }
      const view = viewOf(request, state)
      const contract = findContract(companyOf(request), contractId, view)
      return renderContract(contract, view, { isListItem: false })
    },
  )

  app.get(
    '/companies/:companyId/contracts-fr',
    route('contractsFr.list', 'read', 'contracts:read', { isFrenchOnly: true }),
    (request) => {
      const query = request.query as Query
      const view = viewOf(request, state, readBoolean(query, 'includeInProgressContracts'))
      return listContracts(companyOf(request), query, view, true)
    },
  )

  app.get(
    '/companies/:companyId/contracts-fr/:contractId',
    route('contractsFr.get', 'read', 'contracts:read', { isFrenchOnly: true }),
    (request) => {
      const { contractId } = request.params as { contractId: string }
      const view = viewOf(request, state)
      const contract = findContract(companyOf(request), contractId, view)
      return renderContractFr(contract, view, { isListItem: false })
    },
  )

  app.post(
    '/companies/:companyId/collaborators/:collaboratorId/contracts',
    route('contracts.create', 'write', 'collaborators:contracts:write', { isFrenchOnly: true }),
    async (request, reply) => {
      const data = companyOf(request)
      const { collaboratorId } = request.params as { collaboratorId: string }
      const collaborator = data.collaboratorsById.get(collaboratorId)
      if (collaborator === undefined) throw notFound()
      const body = parseBody(initialiseContractSchema, request.body)

      const contract: ContractRecord = {
        contractId: state.random.objectId(),
        companyId: data.company.id,
        collaborator,
        jobName: body.jobTitle,
        startDate: body.startDate,
        endDate: null,
        probationEndDate: null,
        status: 'PENDING',
        standardWeeklyHours: null,
        fullTimeEquivalent: null,
        isFullTime: null,
        fr: {
          natureContratDsn: '01',
          statutConventionnelDsn: '04',
          motifRuptureDeContratDsn: null,
          idcc: data.company.idcc,
          estCadreDirigeant: false,
          healthInsuranceContractIds: [],
          providentFundContractIds: [],
          workingTimeModality: 'standard',
        },
        initialisedAtMs: Date.now(),
      }
      collaborator.contracts.push(contract)
      data.contracts.push(contract)
      data.contractsById.set(contract.contractId, contract)
      // PayFit answers 201 with an empty body here, although its reference promises an id (§9.13).
      return reply.code(201).send()
    },
  )
}
