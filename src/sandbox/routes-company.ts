import type { FastifyInstance } from 'fastify'

import { statusOf } from './contract-state.ts'
import { payrollStatus } from './payroll.ts'
import { readMonth, type Query } from './query.ts'
import { companyOf, route } from './route-spec.ts'
import type { SandboxState } from './state.ts'
import type { CompanyRecord, ContractRecord } from './types.ts'

export function registerCompanyRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get('/companies/:companyId', route('companies.get', 'read', null), (request) => {
    const { company, contracts } = companyOf(request)
    return companyView(company, contracts, state)
  })

  app.get(
    '/companies-fr/:companyId',
    route('companiesFr.get', 'read', null, { isFrenchOnly: true }),
    (request) => {
      const { company, contracts } = companyOf(request)
      return {
        ...companyView(company, contracts, state),
        siren: company.siren,
        siret: company.identificationNumber,
      }
    },
  )

  app.get(
    '/companies/:companyId/payroll-status',
    route('payrollStatus.get', 'read', null),
    (request) => {
      const month = readMonth(request.query as Query)
      return payrollStatus(companyOf(request).company.id, month, state.today())
    },
  )
}

function companyView(company: CompanyRecord, contracts: ContractRecord[], state: SandboxState) {
  return {
    id: company.id,
    name: company.name,
    country: company.country,
    nbActiveContracts: countActive(contracts, state),
    identificationNumber: company.identificationNumber,
    address: company.address,
    city: company.city,
    postalCode: company.postalCode,
  }
}

function countActive(contracts: ContractRecord[], state: SandboxState): number {
  const clock = {
    today: state.today(),
    nowMs: Date.now(),
    visibilityDelayMs: state.contractVisibilityDelayMs,
  }
  return contracts.filter((contract) => statusOf(contract, clock) === 'ACTIVE').length
}
