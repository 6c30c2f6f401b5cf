import type { FastifyInstance, FastifyRequest } from 'fastify'
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
import type { CollaboratorRecord, CompanyRecord, ContractRecord } from './types.ts'
import { renderContract, renderContractFr, type ViewContext } from './views.ts'

type RenderContract = typeof renderContract

const initialiseContractSchema = z.object({
  jobTitle: z.string().min(1),
  startDate: z.string().refine(isValidDate),
})

export function registerContractRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get(
    '/companies/:companyId/contracts',
    route('contracts.list', 'read', 'contracts:read'),
    (request) => listContracts(request, state, renderContract),
  )

  app.get(
    '/companies/:companyId/contracts/time',
    route('contractsTime.list', 'read', 'time:read', { isFrenchOnly: true }),
    (request) => listWorkedTime(request, state),
  )

  app.get(
    '/companies/:companyId/contracts/:contractId',
    route('contracts.get', 'read', 'contracts:read'),
    (request) => getContract(request, state, renderContract),
  )

  app.get(
    '/companies/:companyId/contracts-fr',
    route('contractsFr.list', 'read', 'contracts:read', { isFrenchOnly: true }),
    (request) => listContracts(request, state, renderContractFr),
  )

  app.get(
    '/companies/:companyId/contracts-fr/:contractId',
    route('contractsFr.get', 'read', 'contracts:read', { isFrenchOnly: true }),
    (request) => getContract(request, state, renderContractFr),
  )

  app.post(
    '/companies/:companyId/collaborators/:collaboratorId/contracts',
    route('contracts.create', 'write', 'collaborators:contracts:write', { isFrenchOnly: true }),
    async (request, reply) => {
      initialiseContract(request, state)
      // PayFit answers 201 with an empty body here, although its reference promises an id (§9.13).
      return reply.code(201).send()
    },
  )
}

function listContracts(request: FastifyRequest, state: SandboxState, render: RenderContract) {
  const query = request.query as Query
  const page = readPageRequest(query)
  const view = viewOf(request, state, readBoolean(query, 'includeInProgressContracts'))
  const result = collectPage(companyOf(request).contracts, page, (contract) =>
    isListed(contract, view, view.includeInProgress)
      ? render(contract, view, { isListItem: true })
      : undefined,
  )
  return {
    contracts: result.items,
    meta: { nextPageToken: result.nextPageToken, count: result.items.length },
  }
}

function listWorkedTime(request: FastifyRequest, state: SandboxState) {
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
}

function getContract(request: FastifyRequest, state: SandboxState, render: RenderContract) {
  const { contractId } = request.params as { contractId: string }
  const view = viewOf(request, state)
  return render(findContract(request, contractId, view), view, { isListItem: false })
}

/** A contract initialised moments ago is not readable yet (§9.13's consistency delay). */
function findContract(
  request: FastifyRequest,
  contractId: string,
  view: ViewContext,
): ContractRecord {
  const contract = companyOf(request).contractsById.get(contractId)
  if (contract === undefined || isInProgress(contract, view)) throw notFound()
  return contract
}

function initialiseContract(request: FastifyRequest, state: SandboxState): void {
  const { company, collaboratorsById, contracts, contractsById } = companyOf(request)
  const { collaboratorId } = request.params as { collaboratorId: string }
  const collaborator = collaboratorsById.get(collaboratorId)
  if (collaborator === undefined) throw notFound()
  const body = parseBody(initialiseContractSchema, request.body)

  const contract = pendingContract(state.random.objectId(), company, collaborator, body)
  collaborator.contracts.push(contract)
  contracts.push(contract)
  contractsById.set(contract.contractId, contract)
}

/** A French contract as PayFit initialises it: pending, with no end date or working time yet. */
function pendingContract(
  contractId: string,
  company: CompanyRecord,
  collaborator: CollaboratorRecord,
  body: z.infer<typeof initialiseContractSchema>,
): ContractRecord {
  return {
    contractId,
    companyId: company.id,
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
      idcc: company.idcc,
      estCadreDirigeant: false,
      healthInsuranceContractIds: [],
      providentFundContractIds: [],
      workingTimeModality: 'standard',
    },
    initialisedAtMs: Date.now(),
  }
}
