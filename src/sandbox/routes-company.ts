import type { FastifyInstance } from 'fastify'

import { statusOf } from './contract-state.ts'
import { payrollStatus } from './payroll.ts'
import { readMonth, type Query } from './query.ts'
import { companyOf, route } from './route-spec.ts'
import type { SandboxState } from './state.ts'
import type { CompanyData } from './types.ts'

export function registerCompanyRoutes(app: FastifyInstance, state: SandboxState): void {
  const countActive = (data: CompanyData): number => {
    const clock = {
      today: state.today(),
      nowMs: Date.now(),
      visibilityDelayMs: state.contractVisibilityDelayMs,
    }
    let active = 0
    for (const contract of data.contracts) if (statusOf(contract, clock) === 'ACTIVE') active++
    return active
  }

  app.get('/companies/:companyId', route('companies.get', 'read', null), (request) => {
    const data = companyOf(request)
    const { company } = data
    return {
      id: company.id,
      name: company.name,
      country: company.country,
      nbActiveContracts: countActive(data),
      identificationNumber: company.identificationNumber,
      address: company.address,
      city: company.city,
      postalCode: company.postalCode,
    }
  })

  app.get(
    '/companies-fr/:companyId',
    route('companiesFr.get', 'read', null, { isFrenchOnly: true }),
    (request) => {
      const data = companyOf(request)
      const { company } = data
      return {
        id: company.id,
        name: company.name,
        country: company.country,
        nbActiveContracts: countActive(data),
        identificationNumber: company.identificationNumber,
        address: company.address,
        city: company.city,
        postalCode: company.postalCode,
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
