import {
  EmployeesPaginated$inboundSchema,
  TimeOffPaginated$inboundSchema,
} from '@stackone/stackone-client-ts/sdk/models/shared/index.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'

import { startSandbox, type RunningSandbox, type SandboxCompany } from '../../../sandbox/index.ts'
import { employeeSchema } from '../../../unified/employee.ts'
import { timeOffSchema } from '../../../unified/time-off.ts'
import {
  payfitAbsenceSchema,
  payfitCollaboratorSchema,
  payfitCompanySchema,
  payfitContractFrSchema,
  payfitContractSchema,
  payfitPageSchema,
  parsePayfitReply,
  type PayfitContract,
} from '../schemas.ts'
import { collaboratorToEmployee } from './employee.ts'
import { employmentTypeByNatureContrat as byNature } from './enums.ts'
import { absenceToTimeOff } from './time-off.ts'

/*
 * The mapping over everything the sandbox generates for one company per country, read over
 * loopback HTTP the way PayFit serves it and parsed by the client's schemas: every mapped
 * object must satisfy both our schemas and the official SDK's parsers.
 */

const today = '2026-03-02'

function sourceText(wrapper: { source_value?: unknown } | null | undefined): string {
  return typeof wrapper?.source_value === 'string' ? wrapper.source_value : ''
}
let sandbox: RunningSandbox

beforeAll(async () => {
  sandbox = await startSandbox({ employees: 60, countries: ['FR', 'GB', 'ES'], today })
})

afterAll(async () => {
  await sandbox.close()
})

async function getJson(path: string, key: string): Promise<unknown> {
  const response = await fetch(`${sandbox.url}${path}`, {
    headers: { authorization: `Bearer ${key}` },
  })
  expect(response.status).toBe(200)
  return response.json()
}

async function walk<T>(path: string, itemsKey: string, item: z.ZodType<T>, key: string) {
  const items: T[] = []
  let token: string | null = null
  do {
    const separator = path.includes('?') ? '&' : '?'
    const tokenParam = token === null ? '' : `&nextPageToken=${encodeURIComponent(token)}`
    const reply = await getJson(`${path}${separator}maxResults=50${tokenParam}`, key)
    const page = parsePayfitReply(payfitPageSchema(itemsKey, item), reply, itemsKey)
    items.push(...page.items)
    token = page.nextPageToken
  } while (token !== null)
  return items
}

async function readCompany(company: SandboxCompany, key: string) {
  const base = `/companies/${company.id}`
  const contractsPath = company.country === 'FR' ? `${base}/contracts-fr` : `${base}/contracts`
  const contractSchema: z.ZodType<PayfitContract> =
    company.country === 'FR' ? payfitContractFrSchema : payfitContractSchema
  return {
    company: payfitCompanySchema.parse(await getJson(base, key)),
    collaborators: await walk(
      `${base}/collaborators`,
      'collaborators',
      payfitCollaboratorSchema,
      key,
    ),
    contracts: await walk(contractsPath, 'contracts', contractSchema, key),
    absences: await walk(`${base}/absences?status=all`, 'absences', payfitAbsenceSchema, key),
  }
}

describe.each(['FR', 'GB', 'ES'])('mapping the sandbox company of %s', (country) => {
  it('maps every collaborator to an employee both schemas accept', async () => {
    const company = sandbox.companies.find((c) => c.country === country)
    if (company === undefined) throw new Error(`no ${country} company in the sandbox`)
    const data = await readCompany(company, company.keys.full)

    const employees = data.collaborators.map((collaborator) =>
      collaboratorToEmployee(collaborator, {
        company: data.company,
        contracts: data.contracts.filter((c) => c.collaboratorId === collaborator.id),
        today,
      }),
    )

    expect(employees.length).toBeGreaterThan(0)
    expect(employees.map((e) => employeeSchema.parse(e))).toEqual(employees)
    EmployeesPaginated$inboundSchema.parse({ data: employees, next: null })
    const withContracts = employees.filter((e) => (e.employments ?? []).length > 0)
    expect(withContracts.every((e) => e.employment_status?.value !== 'unknown')).toBe(true)
    expect(withContracts.every((e) => e.job_title)).toBe(true)
    if (country === 'FR') {
      const types = withContracts.flatMap((e) => e.employments ?? []).map((m) => m.type?.type)
      expect(types.map((type) => type?.value)).toContain('permanent')
      // Only DSN codes outside the table, such as a corporate officer's 80, stay unmapped.
      const unmapped = types.filter((type) => type?.value === 'unmapped_value')
      expect(unmapped.every((type) => !Object.hasOwn(byNature, sourceText(type)))).toBe(true)
    }
  })

  it('maps every absence to a time off both schemas accept', async () => {
    const company = sandbox.companies.find((c) => c.country === country)
    if (company === undefined) throw new Error(`no ${country} company in the sandbox`)
    const data = await readCompany(company, company.keys.full)
    const collaboratorByContract = new Map(
      data.contracts.map((c) => [c.contractId, c.collaboratorId]),
    )

    const timeOffs = data.absences.map((absence) =>
      absenceToTimeOff(absence, collaboratorByContract.get(absence.contractId) ?? ''),
    )

    expect(timeOffs.length).toBeGreaterThan(0)
    expect(timeOffs.map((t) => timeOffSchema.parse(t))).toEqual(timeOffs)
    TimeOffPaginated$inboundSchema.parse({ data: timeOffs, next: null })
    const unmapped = timeOffs.filter((t) => t.type?.value === 'unmapped_value')
    expect(unmapped.every((t) => sourceText(t.type).startsWith('uk_custom_leave_'))).toBe(true)
    expect(timeOffs.every((t) => t.status?.value !== 'unmapped_value')).toBe(true)
  })

  it('maps the read-only view, with its gated fields missing, without errors', async () => {
    const company = sandbox.companies.find((c) => c.country === country)
    if (company === undefined) throw new Error(`no ${country} company in the sandbox`)
    const base = `/companies/${company.id}`
    const companyReply = payfitCompanySchema.parse(await getJson(base, company.keys.read_only))
    const collaborators = await walk(
      `${base}/collaborators`,
      'collaborators',
      payfitCollaboratorSchema,
      company.keys.read_only,
    )

    const employees = collaborators.map((collaborator) =>
      collaboratorToEmployee(collaborator, { company: companyReply, contracts: [], today }),
    )

    EmployeesPaginated$inboundSchema.parse({ data: employees, next: null })
    expect(employees.map((e) => employeeSchema.parse(e))).toEqual(employees)
  })
})
