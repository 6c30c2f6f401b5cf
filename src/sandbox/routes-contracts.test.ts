import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import { startSandbox, type SandboxCompany } from './index.ts'
import {
  companyPath,
  companySchema,
  contractStatus,
  date,
  firstCollaboratorId,
  hex24,
  meta,
  newPerson,
  useRouteSandbox,
  uuid,
} from './route-test-fixture.ts'
import { call, walk } from './test-client.ts'

const contractFields = {
  contractId: hex24,
  companyId: hex24,
  collaboratorId: uuid,
  jobName: z.string(),
  startDate: date,
  endDate: date.nullable(),
  probationEndDate: date.nullable(),
  status: contractStatus,
  standardWeeklyHours: z.number().nullable(),
  fullTimeEquivalent: z.number().nullable(),
  isFullTime: z.boolean().nullable(),
}
const deprecatedPersonalFields = {
  firstName: z.string(),
  lastName: z.string(),
  birthName: z.string().nullable(),
  birthDate: date.nullable(),
  contactEmail: z.string().nullable(),
  address: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
}
const frenchFields = {
  natureContratDsn: z.string().regex(/^\d{2}$/),
  statutConventionnelDsn: z.string().regex(/^(0[1-9]|10)$/),
  motifRuptureDeContratDsn: z
    .string()
    .regex(/^\d{3}$/)
    .nullable(),
  idcc: z
    .string()
    .regex(/^\d{4}$/)
    .nullable(),
  estCadreDirigeant: z.boolean(),
  healthInsuranceContractIds: z.array(uuid).nullable(),
  providentFundContractIds: z.array(uuid).nullable(),
  workingTimeModality: z.enum(['standard', 'forfait_heures', 'forfait_jours']),
  numeroSecuriteSociale: z.string().nullable(),
  numeroTechniqueTemporaire: z.string().nullable(),
}
const contractSchema = z.strictObject(contractFields)
const contractListItemSchema = z.strictObject({ ...contractFields, ...deprecatedPersonalFields })
const contractFrSchema = z.strictObject({ ...contractFields, ...frenchFields })
const contractFrListItemSchema = z.strictObject({
  ...contractFields,
  ...deprecatedPersonalFields,
  ...frenchFields,
})

const { sandbox, fr, gb, counts } = useRouteSandbox()

describe('contracts', () => {
  it('lists global contracts with contractId and the deprecated personal fields', async () => {
    const result = await call(sandbox, companyPath(fr, '/contracts?maxResults=50'), {
      key: fr.keys.full,
    })
    const body = z
      .strictObject({ contracts: z.array(contractListItemSchema), meta })
      .parse(result.body)
    expect(body.contracts.length).toBeGreaterThan(30)
  })

  it('reads one global contract without personal fields and 404s an unknown id', async () => {
    const list = await call(sandbox, companyPath(fr, '/contracts?maxResults=1'), {
      key: fr.keys.full,
    })
    const id = (list.body as { contracts: { contractId: string }[] }).contracts[0]?.contractId ?? ''
    const one = await call(sandbox, companyPath(fr, `/contracts/${id}`), { key: fr.keys.full })
    expect(contractSchema.parse(one.body).contractId).toBe(id)
    const missing = await call(sandbox, companyPath(fr, '/contracts/ffffffffffffffffffffffff'), {
      key: fr.keys.full,
    })
    expect(missing.status).toBe(404)
  })

  it('lists and reads French contracts with DSN fields', async () => {
    const list = await call(sandbox, companyPath(fr, '/contracts-fr?maxResults=50'), {
      key: fr.keys.full,
    })
    const body = z
      .strictObject({ contracts: z.array(contractFrListItemSchema), meta })
      .parse(list.body)
    const id = body.contracts[0]?.contractId ?? ''
    const one = await call(sandbox, companyPath(fr, `/contracts-fr/${id}`), { key: fr.keys.full })
    expect(contractFrSchema.parse(one.body).contractId).toBe(id)
  })

  it('serves worked time with the literal /contracts/time path', async () => {
    const result = await call(
      sandbox,
      companyPath(fr, '/contracts/time?date=202605&maxResults=10'),
      {
        key: fr.keys.full,
      },
    )
    expect(result.status).toBe(200)
    const item = z.strictObject({
      contractId: hex24,
      effectiveWorkedTime: z.number().nullable(),
      payedWorkedTime: z.number().nullable(),
      workTimeUnit: z.enum(['days', 'hours']).nullable(),
    })
    z.strictObject({ contracts: z.array(item).min(1), meta }).parse(result.body)
    const noMonth = await call(sandbox, companyPath(fr, '/contracts/time'), { key: fr.keys.full })
    expect(noMonth.status).toBe(400)
  })

  it('counts active contracts in nbActiveContracts', async () => {
    const company = companySchema.parse(
      (await call(sandbox, companyPath(fr, ''), { key: fr.keys.full })).body,
    )
    const list = await call(sandbox, companyPath(fr, '/contracts?maxResults=50'), {
      key: fr.keys.full,
    })
    const contracts = (list.body as { contracts: { status: string }[] }).contracts
    expect(company.nbActiveContracts).toBe(contracts.filter((c) => c.status === 'ACTIVE').length)
  })
})

describe('initialising a contract', () => {
  it('answers an empty 201 and lists the contract only with includeInProgressContracts', async () => {
    const person = await call(sandbox, `/companies/${fr.id}/collaborators`, {
      method: 'POST',
      key: fr.keys.full,
      body: newPerson,
    })
    const { collaboratorId } = person.body as { collaboratorId: string }
    const before = await counts(fr)
    const result = await call(
      sandbox,
      `/companies/${fr.id}/collaborators/${collaboratorId}/contracts`,
      {
        method: 'POST',
        key: fr.keys.guide,
        body: { jobTitle: 'Cheffe de projet', startDate: '2026-07-01' },
      },
    )
    expect(result.status).toBe(201)
    expect(result.text).toBe('')
    expect((await counts(fr)).inProgressContracts).toBe(before.inProgressContracts + 1)

    const hidden = await walk(
      sandbox,
      `/companies/${fr.id}/contracts`,
      fr.keys.full,
      'contracts',
      50,
    )
    expect(hidden.items.some((c) => c.collaboratorId === collaboratorId)).toBe(false)
    const shown = await walk(
      sandbox,
      `/companies/${fr.id}/contracts-fr?includeInProgressContracts=true`,
      fr.keys.full,
      'contracts',
      50,
    )
    expect(shown.items.find((c) => c.collaboratorId === collaboratorId)).toMatchObject({
      jobName: 'Cheffe de projet',
      startDate: '2026-07-01',
      status: 'PENDING',
    })
  })

  it('becomes visible without the flag once the delay has passed', async () => {
    const quick = await startSandbox({
      employees: 3,
      contractVisibilityDelayMs: 200,
      today: '2026-06-15',
      rateLimit: { readsPerSecond: 10_000, writesPerSecond: 10_000 },
    })
    try {
      const company = quick.companies[0] as SandboxCompany
      const id = await firstCollaboratorId(quick, company)
      await call(quick, `/companies/${company.id}/collaborators/${id}/contracts`, {
        method: 'POST',
        key: company.keys.full,
        body: { jobTitle: 'Analyste', startDate: '2026-06-01' },
      })
      const isListed = async () => {
        const list = await walk(
          quick,
          `/companies/${company.id}/contracts`,
          company.keys.full,
          'contracts',
          50,
        )
        return list.items.some((c) => c.jobName === 'Analyste' && c.status === 'ACTIVE')
      }
      expect(await isListed()).toBe(false)
      const deadline = Date.now() + 5_000
      let listed = false
      while (!listed && Date.now() < deadline) listed = await isListed()
      expect(listed).toBe(true)
    } finally {
      await quick.close()
    }
  })

  it('is French-only, needs a known collaborator and a valid body', async () => {
    const gbId = await firstCollaboratorId(sandbox, gb)
    const body = { jobTitle: 'Analyst', startDate: '2026-07-01' }
    const inGb = await call(sandbox, `/companies/${gb.id}/collaborators/${gbId}/contracts`, {
      method: 'POST',
      key: gb.keys.full,
      body,
    })
    expect(inGb.status).toBe(400)
    const unknown = await call(
      sandbox,
      `/companies/${fr.id}/collaborators/00000000-0000-4000-8000-000000000000/contracts`,
      {
        method: 'POST',
        key: fr.keys.full,
        body,
      },
    )
    expect(unknown.status).toBe(404)
    const frId = await firstCollaboratorId(sandbox, fr)
    const badDate = await call(sandbox, `/companies/${fr.id}/collaborators/${frId}/contracts`, {
      method: 'POST',
      key: fr.keys.full,
      body: { jobTitle: 'Analyst', startDate: '2026-02-30' },
    })
    expect(badDate.status).toBe(400)
  })
})
