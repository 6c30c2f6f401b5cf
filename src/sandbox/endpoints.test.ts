import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'

import { startSandbox, type RunningSandbox, type SandboxCompany } from './index.ts'
import { call } from './test-client.ts'

const hex24 = z.string().regex(/^[0-9a-f]{24}$/)
const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const meta = z.strictObject({ nextPageToken: z.string().nullable(), count: z.number().int() })
const contractStatus = z.enum(['ACTIVE', 'ARCHIVED', 'PENDING'])

const companySchema = z.strictObject({
  id: hex24,
  name: z.string(),
  country: z.enum(['FR', 'ES', 'GB']),
  nbActiveContracts: z.number().int().min(0),
  identificationNumber: z.string().nullable(),
  address: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
})

const collaboratorSchema = z.strictObject({
  id: uuid,
  matricule: z.string().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  secondLastName: z.string().nullable(),
  birthName: z.string().nullable(),
  birthDate: date.nullable(),
  terminationDate: date.nullable(),
  gender: z.enum(['male', 'female', 'other']).nullable(),
  nationality: z.string().length(2).nullable(),
  countryOfBirth: z.string().length(2).nullable(),
  socialSecurityNumber: z.string().nullable(),
  temporaryTechnicalNumber: z.string().nullable(),
  iban: z.string().nullable(),
  bic: z.string().nullable(),
  emails: z.array(
    z.strictObject({ email: z.string(), type: z.enum(['professional', 'personal', 'unknown']) }),
  ),
  phoneNumbers: z.array(
    z.strictObject({ phoneNumber: z.string().regex(/^\+\d{8,15}$/), type: z.literal('personal') }),
  ),
  addresses: z.array(
    z.strictObject({
      address: z.string(),
      postcode: z.string(),
      city: z.string(),
      country: z.string(),
      type: z.literal('personal'),
    }),
  ),
  managerId: uuid.nullable(),
  teamName: z.string().nullable(),
  contracts: z.array(
    z.strictObject({
      id: hex24,
      startDate: date.nullable(),
      endDate: date.nullable(),
      status: contractStatus,
    }),
  ),
})

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

const moment = z.enum(['beginning-of-day', 'middle-of-day', 'end-of-day'])
const absenceSchema = z.strictObject({
  id: hex24,
  contractId: hex24,
  type: z.string().regex(/^((fr|es|uk)_[a-z_0-9]+|other)$/),
  status: z.enum(['approved', 'pending_approval', 'declined', 'cancelled', 'pending_cancellation']),
  startDate: z.strictObject({ date, moment }),
  endDate: z.strictObject({ date, moment }),
})

let sandbox: RunningSandbox
let fr: SandboxCompany
let es: SandboxCompany

beforeAll(async () => {
  sandbox = await startSandbox({
    employees: 40,
    countries: ['FR', 'ES'],
    today: '2026-06-15',
    rateLimit: { readsPerSecond: 10_000, writesPerSecond: 10_000 },
  })
  ;[fr, es] = sandbox.companies as [SandboxCompany, SandboxCompany]
})
afterAll(() => sandbox.close())

const api = (company: SandboxCompany, path: string) => `/companies/${company.id}${path}`

describe('introspection', () => {
  it('describes a valid key with its space-separated scopes and company', async () => {
    const result = await call(sandbox, '/introspect', {
      method: 'POST',
      key: fr.keys.guide,
      body: { token: fr.keys.guide },
    })
    expect(result.status).toBe(200)
    const body = z
      .strictObject({
        active: z.literal(true),
        scope: z.string(),
        company_id: hex24,
        token_type: z.literal('bearer'),
      })
      .parse(result.body)
    expect(body.company_id).toBe(fr.id)
    expect(body.scope.split(' ')).toHaveLength(9)
  })

  it('answers active:false for a revoked or unknown key', async () => {
    for (const token of [fr.keys.revoked, 'not-a-key']) {
      const result = await call(sandbox, '/introspect', {
        method: 'POST',
        key: token,
        body: { token },
      })
      expect(result.status).toBe(200)
      expect(result.body).toEqual({ active: false })
    }
  })

  it('answers 401 without a Bearer header', async () => {
    const result = await call(sandbox, '/introspect', {
      method: 'POST',
      body: { token: fr.keys.full },
    })
    expect(result.status).toBe(401)
    expect(result.body).toEqual({ code: 401, error: 'Unauthorized' })
  })
})

describe('companies', () => {
  it('serves the global company', async () => {
    const result = await call(sandbox, api(fr, ''), { key: fr.keys.read_only })
    expect(result.status).toBe(200)
    const body = companySchema.parse(result.body)
    expect(body).toMatchObject({ id: fr.id, name: fr.name, country: 'FR' })
  })

  it('serves the French company with siren as the SIRET prefix', async () => {
    const result = await call(sandbox, `/companies-fr/${fr.id}`, { key: fr.keys.full })
    const body = companySchema
      .extend({ siren: z.string(), siret: z.string() })
      .strict()
      .parse(result.body)
    expect(body.siret).toBe(body.identificationNumber)
    expect(body.identificationNumber?.startsWith(body.siren)).toBe(true)
  })

  it('refuses French-only endpoints for a Spanish company with 400', async () => {
    const result = await call(sandbox, `/companies-fr/${es.id}`, { key: es.keys.full })
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({ code: 400, error: 'Bad request' })
  })

  it('reports payroll status per YYYYMM month', async () => {
    const past = await call(sandbox, api(fr, '/payroll-status?date=202604'), { key: fr.keys.full })
    expect(past.body).toEqual({
      status: 'completed',
      executionEndDate: expect.stringMatching(/^2026-04-2\dT\d{2}:\d{2}:\d{2}\.\d{3}Z$/) as unknown,
    })
    const future = await call(sandbox, api(fr, '/payroll-status?date=202609'), {
      key: fr.keys.full,
    })
    expect(future.body).toEqual({ status: 'not_completed', executionEndDate: null })
    for (const bad of ['2026-04', '202613', '']) {
      const result = await call(sandbox, api(fr, `/payroll-status?date=${bad}`), {
        key: fr.keys.full,
      })
      expect(result.status).toBe(400)
    }
  })
})

describe('collaborators', () => {
  it('lists collaborators with every field under the full key', async () => {
    const result = await call(sandbox, api(fr, '/collaborators?maxResults=50'), {
      key: fr.keys.full,
    })
    expect(result.status).toBe(200)
    const body = z
      .strictObject({ collaborators: z.array(collaboratorSchema), meta })
      .parse(result.body)
    expect(body.collaborators).toHaveLength(40)
    expect(body.meta).toEqual({ nextPageToken: null, count: 40 })
  })

  it('pages ten at a time by default', async () => {
    const result = await call(sandbox, api(fr, '/collaborators'), { key: fr.keys.full })
    const body = result.body as {
      collaborators: unknown[]
      meta: { nextPageToken: string | null; count: number }
    }
    expect(body.collaborators).toHaveLength(10)
    expect(body.meta.count).toBe(10)
    expect(body.meta.nextPageToken).not.toBeNull()
  })

  it('reads one collaborator unwrapped and 404s an unknown id', async () => {
    const list = await call(sandbox, api(fr, '/collaborators?maxResults=1'), { key: fr.keys.full })
    const id = (list.body as { collaborators: { id: string }[] }).collaborators[0]?.id ?? ''
    const one = await call(sandbox, api(fr, `/collaborators/${id}`), { key: fr.keys.full })
    expect(collaboratorSchema.parse(one.body).id).toBe(id)
    const missing = await call(
      sandbox,
      api(fr, '/collaborators/00000000-0000-4000-8000-000000000000'),
      {
        key: fr.keys.full,
      },
    )
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({
      code: 404,
      error: 'Ressource not found',
      details: 'The provided id is wrong',
    })
  })

  it('filters by professional email only', async () => {
    const all = await call(sandbox, api(fr, '/collaborators?maxResults=50'), { key: fr.keys.full })
    const people = (all.body as { collaborators: z.infer<typeof collaboratorSchema>[] })
      .collaborators
    const withWork = people.find((p) => p.emails.some((e) => e.type === 'professional'))
    const work = withWork?.emails.find((e) => e.type === 'professional')?.email ?? ''
    const found = await call(sandbox, api(fr, `/collaborators?email=${encodeURIComponent(work)}`), {
      key: fr.keys.full,
    })
    expect(
      (found.body as { collaborators: { id: string }[] }).collaborators.map((c) => c.id),
    ).toEqual([withWork?.id])
    const personal = people.flatMap((p) => p.emails).find((e) => e.type === 'personal')?.email ?? ''
    const none = await call(
      sandbox,
      api(fr, `/collaborators?email=${encodeURIComponent(personal)}`),
      { key: fr.keys.full },
    )
    expect((none.body as { collaborators: unknown[] }).collaborators).toEqual([])
  })

  it('serves meal vouchers for a month', async () => {
    const result = await call(
      sandbox,
      api(fr, '/collaborators/meal-vouchers?date=202605&maxResults=5'),
      {
        key: fr.keys.full,
      },
    )
    expect(result.status).toBe(200)
    const item = z.strictObject({
      collaboratorId: uuid,
      vouchersCount: z.number().int(),
      voucherAmount: z.number().min(8).max(13),
      dayOffEligibility: z.boolean(),
      voucherCompanyPartAmount: z.number(),
      voucherEmployeePartAmount: z.number(),
    })
    const body = z.strictObject({ mealVouchers: z.array(item), meta }).parse(result.body)
    expect(body.mealVouchers).toHaveLength(5)
  })
})

describe('contracts', () => {
  it('lists global contracts with contractId and the deprecated personal fields', async () => {
    const result = await call(sandbox, api(fr, '/contracts?maxResults=50'), { key: fr.keys.full })
    const body = z
      .strictObject({ contracts: z.array(contractListItemSchema), meta })
      .parse(result.body)
    expect(body.contracts.length).toBeGreaterThan(30)
  })

  it('reads one global contract without personal fields and 404s an unknown id', async () => {
    const list = await call(sandbox, api(fr, '/contracts?maxResults=1'), { key: fr.keys.full })
    const id = (list.body as { contracts: { contractId: string }[] }).contracts[0]?.contractId ?? ''
    const one = await call(sandbox, api(fr, `/contracts/${id}`), { key: fr.keys.full })
    expect(contractSchema.parse(one.body).contractId).toBe(id)
    const missing = await call(sandbox, api(fr, '/contracts/ffffffffffffffffffffffff'), {
      key: fr.keys.full,
    })
    expect(missing.status).toBe(404)
  })

  it('lists and reads French contracts with DSN fields', async () => {
    const list = await call(sandbox, api(fr, '/contracts-fr?maxResults=50'), { key: fr.keys.full })
    const body = z
      .strictObject({ contracts: z.array(contractFrListItemSchema), meta })
      .parse(list.body)
    const id = body.contracts[0]?.contractId ?? ''
    const one = await call(sandbox, api(fr, `/contracts-fr/${id}`), { key: fr.keys.full })
    expect(contractFrSchema.parse(one.body).contractId).toBe(id)
  })

  it('serves worked time with the literal /contracts/time path', async () => {
    const result = await call(sandbox, api(fr, '/contracts/time?date=202605&maxResults=10'), {
      key: fr.keys.full,
    })
    expect(result.status).toBe(200)
    const item = z.strictObject({
      contractId: hex24,
      effectiveWorkedTime: z.number().nullable(),
      payedWorkedTime: z.number().nullable(),
      workTimeUnit: z.enum(['days', 'hours']).nullable(),
    })
    z.strictObject({ contracts: z.array(item).min(1), meta }).parse(result.body)
    const noMonth = await call(sandbox, api(fr, '/contracts/time'), { key: fr.keys.full })
    expect(noMonth.status).toBe(400)
  })

  it('counts active contracts in nbActiveContracts', async () => {
    const company = companySchema.parse(
      (await call(sandbox, api(fr, ''), { key: fr.keys.full })).body,
    )
    const list = await call(sandbox, api(fr, '/contracts?maxResults=50'), { key: fr.keys.full })
    const contracts = (list.body as { contracts: { status: string }[] }).contracts
    expect(company.nbActiveContracts).toBe(contracts.filter((c) => c.status === 'ACTIVE').length)
  })
})

describe('payslips', () => {
  it('lists payslips with relative URLs and serves each as a PDF', async () => {
    const list = await call(sandbox, api(fr, '/collaborators?maxResults=1'), { key: fr.keys.full })
    const id = (list.body as { collaborators: { id: string }[] }).collaborators[0]?.id ?? ''
    const result = await call(sandbox, api(fr, `/collaborators/${id}/payslips`), {
      key: fr.keys.full,
    })
    const payslip = z.strictObject({
      year: z.string().regex(/^\d{4}$/),
      month: z.string().regex(/^(0[1-9]|1[0-2])$/),
      contractId: hex24,
      payslipId: hex24,
      payslipUrl: z.string(),
    })
    const body = z.strictObject({ payslips: z.array(payslip).min(1) }).parse(result.body)
    const first = body.payslips[0]
    expect(first?.payslipUrl).toBe(
      `/companies/${fr.id}/collaborators/${id}/contracts/${first?.contractId ?? ''}/payslips/${first?.payslipId ?? ''}`,
    )

    const pdf = await fetch(sandbox.url + (first?.payslipUrl ?? ''), {
      headers: { authorization: `Bearer ${fr.keys.full}`, accept: 'application/pdf' },
    })
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const bytes = Buffer.from(await pdf.arrayBuffer())
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(bytes.subarray(-6).toString()).toContain('%%EOF')

    const wrong = await call(
      sandbox,
      api(
        fr,
        `/collaborators/${id}/contracts/${first?.contractId ?? ''}/payslips/ffffffffffffffffffffffff`,
      ),
      {
        key: fr.keys.full,
      },
    )
    expect(wrong.status).toBe(404)
  })
})

describe('absences', () => {
  it('lists approved absences by default with the documented shape', async () => {
    const result = await call(sandbox, api(fr, '/absences?maxResults=50'), { key: fr.keys.full })
    const body = z.strictObject({ absences: z.array(absenceSchema), meta }).parse(result.body)
    expect(body.absences.length).toBeGreaterThan(0)
    expect(body.absences.every((a) => a.status === 'approved')).toBe(true)
  })

  it('filters by contract, status list and overlapping period', async () => {
    const result = await call(
      sandbox,
      api(
        fr,
        '/absences?status=approved,declined&beginDate=2026-01-01&endDate=2026-03-31&maxResults=50',
      ),
      { key: fr.keys.full },
    )
    const absences = (result.body as { absences: z.infer<typeof absenceSchema>[] }).absences
    for (const absence of absences) {
      expect(['approved', 'declined']).toContain(absence.status)
      expect(absence.endDate.date >= '2026-01-01').toBe(true)
      expect(absence.startDate.date <= '2026-03-31').toBe(true)
    }
    const contractId = absences[0]?.contractId ?? ''
    const byContract = await call(
      sandbox,
      api(fr, `/absences?status=all&contractId=${contractId}&maxResults=50`),
      {
        key: fr.keys.full,
      },
    )
    const own = (byContract.body as { absences: { contractId: string }[] }).absences
    expect(own.length).toBeGreaterThan(0)
    expect(own.every((a) => a.contractId === contractId)).toBe(true)
  })

  it('refuses an unknown status, "all" combined, and a bad date with 400', async () => {
    for (const query of ['status=done', 'status=all,approved', 'beginDate=2026-13-01']) {
      const result = await call(sandbox, api(fr, `/absences?${query}`), { key: fr.keys.full })
      expect(result.status).toBe(400)
      expect(result.body).toMatchObject({
        code: 400,
        error: 'Bad request',
        details: expect.any(String) as unknown,
      })
    }
  })
})

describe('errors', () => {
  it('answers 401 for a missing, unknown or revoked key', async () => {
    for (const key of [undefined, 'nope', fr.keys.revoked]) {
      const result = await call(
        sandbox,
        api(fr, '/collaborators'),
        key === undefined ? {} : { key },
      )
      expect(result.status).toBe(401)
      expect(result.body).toEqual({ code: 401, error: 'Unauthorized' })
    }
  })

  it("answers 403 when a key reaches another company's id", async () => {
    const result = await call(sandbox, api(es, '/collaborators'), { key: fr.keys.full })
    expect(result.status).toBe(403)
    expect(result.body).toMatchObject({ code: 403, error: 'Forbidden action' })
  })

  it('names the scope actually missing in the 403', async () => {
    const cases = [
      ['/contracts', 'contracts:read'],
      ['/absences', 'time:read'],
      ['/contracts/time?date=202605', 'time:read'],
    ] as const
    for (const [path, scope] of cases) {
      const result = await call(sandbox, api(fr, path), { key: fr.keys.read_only })
      expect(result.status).toBe(403)
      expect(result.body).toEqual({
        code: 403,
        error: 'Forbidden action',
        details: `Missing scope "${scope}".`,
      })
    }
  })

  it('answers 400 with code, error and details for an out-of-range maxResults', async () => {
    for (const size of ['0', '51', 'ten']) {
      const result = await call(sandbox, api(fr, `/collaborators?maxResults=${size}`), {
        key: fr.keys.full,
      })
      expect(result.status).toBe(400)
      expect(result.body).toEqual({
        code: 400,
        error: 'Bad request',
        details: expect.stringContaining('maxResults') as unknown,
      })
    }
  })

  it('answers 404 in PayFit wording for an unknown path', async () => {
    const result = await call(sandbox, '/companies', { key: fr.keys.full })
    expect(result.status).toBe(404)
    expect(result.body).toMatchObject({ code: 404, error: 'Ressource not found' })
  })
})
