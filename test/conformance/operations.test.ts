import {
  ForbiddenResponse,
  NotFoundResponse,
} from '@stackone/stackone-client-ts/sdk/models/errors/index.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { walk } from '../../src/sandbox/test-client.ts'
import { startUnifiedFixture, type UnifiedFixture } from './fixture.ts'

interface SandboxAbsence {
  id: string
  contractId: string
  status: string
  startDate: { date: string; moment: string }
}

let fixture: UnifiedFixture
let guide: string
let full: string
/** An employee with contracts, absences (some cancelled or not) and payslips. */
let employeeId: string
let absences: SandboxAbsence[]

beforeAll(async () => {
  fixture = await startUnifiedFixture({ employees: 40 })
  guide = fixture.accounts.guide
  full = fixture.accounts.full
  const company = fixture.sandbox.companies[0]
  if (company === undefined) throw new Error('no company')
  absences = (
    await walk(
      fixture.sandbox,
      `/companies/${company.id}/absences?status=all`,
      company.keys.full,
      'absences',
      50,
    )
  ).items as unknown as SandboxAbsence[]
  const employees = await fixture.sdk.hris.listEmployees({ xAccountId: full, pageSize: '100' })
  const withContract = employees.employeesPaginated?.data.filter(
    (employee) =>
      (employee.employments?.length ?? 0) > 0 &&
      String(employee.employmentStatus?.value) === 'active',
  )
  employeeId = withContract?.[0]?.id ?? ''
})

afterAll(async () => {
  await fixture.close()
})

describe('employments, companies, locations and groups (guide key)', () => {
  it('lists and reads employments, also per employee', async () => {
    const listed = await fixture.sdk.hris.listEmployments({ xAccountId: guide, pageSize: '30' })
    const employments = listed.employmentsPaginated?.data ?? []
    expect(employments.length).toBe(30)
    const [first] = employments
    const fetched = await fixture.sdk.hris.getEmployment({ xAccountId: guide, id: first?.id ?? '' })
    expect(fetched.employmentResult?.data).toEqual(first)

    const own = await fixture.sdk.hris.listEmployeeEmployments({
      xAccountId: guide,
      id: employeeId,
    })
    const ownEmployments = own.employmentsPaginated?.data ?? []
    expect(ownEmployments.length).toBeGreaterThan(0)
    expect(ownEmployments.every((employment) => employment.employeeId === employeeId)).toBe(true)
    const one = await fixture.sdk.hris.getEmployeeEmployment({
      xAccountId: guide,
      id: employeeId,
      subResourceId: ownEmployments[0]?.id ?? '',
    })
    expect(one.employmentResult?.data.jobTitle).toBe(ownEmployments[0]?.jobTitle)
    await expect(
      fixture.sdk.hris.getEmployeeEmployment({
        xAccountId: guide,
        id: employeeId,
        subResourceId: employments.find((e) => e.employeeId !== employeeId)?.id ?? '',
      }),
    ).rejects.toBeInstanceOf(NotFoundResponse)
  })

  it('lists and reads the company and its work location', async () => {
    const company = fixture.sandbox.companies[0]
    const companies = await fixture.sdk.hris.listCompanies({ xAccountId: guide })
    expect(companies.companiesPaginated?.data.map((c) => [c.id, c.name])).toEqual([
      [company?.id, company?.name],
    ])
    const one = await fixture.sdk.hris.getCompany({ xAccountId: guide, id: company?.id ?? '' })
    expect(one.companyResult?.data.name).toBe(company?.name)
    await expect(
      fixture.sdk.hris.getCompany({ xAccountId: guide, id: 'another-company' }),
    ).rejects.toBeInstanceOf(NotFoundResponse)

    const locations = await fixture.sdk.hris.listLocations({ xAccountId: guide })
    const [work] = locations.hrisLocationsPaginated?.data ?? []
    expect(work?.locationType?.value).toBe('work')
    const location = await fixture.sdk.hris.getLocation({ xAccountId: guide, id: work?.id ?? '' })
    expect(location.hrisLocationResult?.data).toEqual(work)
  })

  it("reads an employee's home location by the id the employee carries", async () => {
    const employee = await fixture.sdk.hris.getEmployee({ xAccountId: guide, id: employeeId })
    const home = employee.employeeResult?.data.homeLocation
    expect(home?.id).toBe(`${employeeId}-home`)
    const location = await fixture.sdk.hris.getLocation({ xAccountId: guide, id: home?.id ?? '' })
    expect(location.hrisLocationResult?.data.street1).toBe(home?.street1)
  })

  it('lists teams as groups and team groups, and reads one', async () => {
    const teams = await fixture.sdk.hris.listTeamGroups({ xAccountId: guide })
    const groups = await fixture.sdk.hris.listGroups({ xAccountId: guide })
    const teamList = teams.hrisTeamsPaginated?.data ?? []
    expect(teamList.length).toBeGreaterThan(1)
    expect(groups.hrisGroupsPaginated?.data.map((g) => g.name)).toEqual(teamList.map((t) => t.name))
    const team = await fixture.sdk.hris.getTeamGroup({
      xAccountId: guide,
      id: teamList[0]?.id ?? '',
    })
    expect(team.hrisTeamsResult?.data.name).toBe(teamList[0]?.name)
    const group = await fixture.sdk.hris.getGroup({ xAccountId: guide, id: teamList[0]?.id ?? '' })
    expect(group.hrisGroupsResult?.data.name).toBe(teamList[0]?.name)
  })

  it('lists time off types without a PayFit call, and work eligibility from the nationality', async () => {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- issue 4 lists it; SDK 4.28.0 ships it
    const types = await fixture.sdk.hris.listTimeOffTypes({ xAccountId: guide, pageSize: '100' })
    const ids = types.referencePaginated?.data.map((t) => t.id)
    expect(ids).toContain('fr_conges_payes')
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- as above
    const type = await fixture.sdk.hris.getTimeOffType({ xAccountId: guide, id: 'fr_rtt' })
    expect(type.referenceResult?.data.name).toContain('RTT')

    const eligibility = await fixture.sdk.hris.listEmployeeWorkEligibility({
      xAccountId: guide,
      id: employeeId,
    })
    const [record] = eligibility.workEligibilityPaginated?.data ?? []
    expect(record?.subType).toBe('citizenship')
    const one = await fixture.sdk.hris.getEmployeesWorkEligibility({
      xAccountId: guide,
      id: employeeId,
      subResourceId: record?.id ?? '',
    })
    expect(one.workEligibilityResult?.data).toEqual(record)
  })
})

describe('time off and payslips (full key)', () => {
  it('lists every absence, cancelled ones included, each with its employee', async () => {
    const seen: string[] = []
    const statuses = new Set<string>()
    const pages = await fixture.sdk.hris.listTimeOffRequests({ xAccountId: full, pageSize: '100' })
    for await (const page of pages) {
      for (const timeOff of page.timeOffPaginated?.data ?? []) {
        seen.push(timeOff.id ?? '')
        statuses.add(String(timeOff.status?.value))
        expect(timeOff.employeeId).toEqual(expect.any(String))
      }
    }
    expect(seen.sort()).toEqual(absences.map((a) => a.id).sort())
    expect(statuses).toContain('cancelled')
    expect(statuses).toContain('approved')

    const [absence] = absences
    const one = await fixture.sdk.hris.getTimeOffRequest({
      xAccountId: full,
      id: absence?.id ?? '',
    })
    expect(one.timeOffResult?.data.startDate).toBe(`${absence?.startDate.date ?? ''}T00:00:00.000Z`)
    await expect(
      fixture.sdk.hris.getTimeOffRequest({ xAccountId: full, id: 'no-such-absence' }),
    ).rejects.toBeInstanceOf(NotFoundResponse)
  })

  it("lists and reads one employee's time off, cancelled ones included", async () => {
    const all = await fixture.sdk.hris.listTimeOffRequests({ xAccountId: full, pageSize: '100' })
    const cancelled = all.timeOffPaginated?.data.find(
      (t) => String(t.status?.value) === 'cancelled',
    )
    const owner = cancelled?.employeeId ?? ''
    const listed = await fixture.sdk.hris.listEmployeeTimeOffRequests({
      xAccountId: full,
      id: owner,
    })
    const timeOffs = listed.timeOffPaginated?.data ?? []
    expect(timeOffs.map((t) => t.id)).toContain(cancelled?.id)
    expect(timeOffs.every((timeOff) => timeOff.employeeId === owner)).toBe(true)
    const one = await fixture.sdk.hris.getEmployeesTimeOffRequest({
      xAccountId: full,
      id: owner,
      subResourceId: cancelled?.id ?? '',
    })
    expect(one.timeOffResult?.data).toEqual(cancelled)
  })

  it('lists and reads employees with the full key, national identity numbers included', async () => {
    const listed = await fixture.sdk.hris.listEmployees({ xAccountId: full, pageSize: '50' })
    const employees = listed.employeesPaginated?.data ?? []
    expect(employees.length).toBe(40)
    const numbered = employees.filter((e) => (e.nationalIdentityNumbers?.length ?? 0) > 0)
    expect(numbered.length).toBeGreaterThan(0)
    expect(numbered[0]?.nationalIdentityNumbers?.[0]?.type?.value).toMatch(/^(nir|other)$/)
    const one = await fixture.sdk.hris.getEmployee({ xAccountId: full, id: numbered[0]?.id ?? '' })
    expect(one.employeeResult?.data).toEqual(numbered[0])
  })

  it('lists payslips as documents, reads one and downloads its PDF', async () => {
    const listed = await fixture.sdk.hris.listEmployeeDocuments({
      xAccountId: full,
      id: employeeId,
    })
    const [document] = listed.hrisDocumentsPaginated?.data ?? []
    expect(document?.category?.value).toBe('payslip')
    const one = await fixture.sdk.hris.getEmployeeDocument({
      xAccountId: full,
      id: employeeId,
      subResourceId: document?.id ?? '',
    })
    expect(one.hrisDocumentResult?.data).toEqual(document)

    const file = await fixture.sdk.hris.downloadEmployeeDocument({
      xAccountId: full,
      id: employeeId,
      subResourceId: document?.id ?? '',
    })
    expect(file.contentType).toBe('application/pdf')
    expect(file.rawResponse.headers.get('content-disposition')).toMatch(
      /^attachment; filename="payslip-\d{4}-\d{2}\.pdf"$/,
    )
    const body = file.body
    const bytes =
      typeof body === 'string' ? Buffer.from(body) : Buffer.from(body ?? new Uint8Array())
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  })

  it('answers ForbiddenResponse naming the scope, and how to grant it, when the guide key reads time off or payslips', async () => {
    const refusals = [
      [fixture.sdk.hris.listTimeOffRequests({ xAccountId: guide }), 'time:read'],
      [
        fixture.sdk.hris.listEmployeeTimeOffRequests({ xAccountId: guide, id: employeeId }),
        'time:read',
      ],
      [
        fixture.sdk.hris.getTimeOffRequest({ xAccountId: guide, id: absences[0]?.id ?? '' }),
        'time:read',
      ],
      [
        fixture.sdk.hris.listEmployeeDocuments({ xAccountId: guide, id: employeeId }),
        'contracts:payslips:read',
      ],
      [
        fixture.sdk.hris.downloadEmployeeDocument({
          xAccountId: guide,
          id: employeeId,
          subResourceId: 'x',
        }),
        'contracts:payslips:read',
      ],
    ] as const
    for (const [call, scope] of refusals) {
      const error: unknown = await call.then(
        () => null,
        (thrown: unknown) => thrown,
      )
      expect(error).toBeInstanceOf(ForbiddenResponse)
      expect((error as ForbiddenResponse).message).toContain(`"${scope}"`)
      expect((error as ForbiddenResponse).message).toContain('create a connect session')
    }
  })
})
