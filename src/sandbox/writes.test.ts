import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSandbox, type RunningSandbox, type SandboxCompany } from './index.ts'
import { call, walk } from './test-client.ts'

let sandbox: RunningSandbox
let fr: SandboxCompany
let gb: SandboxCompany

beforeAll(async () => {
  sandbox = await startSandbox({
    employees: 15,
    countries: ['FR', 'GB'],
    today: '2026-06-15',
    contractVisibilityDelayMs: 3_600_000,
    rateLimit: { readsPerSecond: 10_000, writesPerSecond: 10_000 },
  })
  ;[fr, gb] = sandbox.companies as [SandboxCompany, SandboxCompany]
})
afterAll(() => sandbox.close())

interface Counts {
  collaborators: number
  inProgressContracts: number
}

const counts = async (company: SandboxCompany): Promise<Counts> =>
  (await call(sandbox, `/_sandbox/companies/${company.id}/counts`, { key: sandbox.adminToken }))
    .body as Counts

const newPerson = {
  firstName: 'Inès',
  lastName: 'Marchand',
  personalEmail: 'ines.marchand@mailbox.example',
}

describe('creating a collaborator', () => {
  it('answers 201 with collaboratorId and the new person appears in the list', async () => {
    const before = await counts(fr)
    const result = await call(sandbox, `/companies/${fr.id}/collaborators`, {
      method: 'POST',
      key: fr.keys.full,
      body: {
        ...newPerson,
        gender: 'FEMALE',
        socialSecurityNumber: '291076912345620',
        birthInformation: { birthDate: '1991-07-12', birthCountry: 'FR' },
        personalAddress: {
          streetNumber: 8,
          addressFirstLine: 'rue Pasteur',
          city: 'Lyon',
          postCode: '69007',
          country: 'FR',
        },
      },
    })
    expect(result.status).toBe(201)
    const { collaboratorId } = result.body as { collaboratorId: string }
    expect(collaboratorId).toMatch(/^[0-9a-f-]{36}$/)
    expect((await counts(fr)).collaborators).toBe(before.collaborators + 1)

    const { items } = await walk(
      sandbox,
      `/companies/${fr.id}/collaborators`,
      fr.keys.full,
      'collaborators',
      50,
    )
    const created = items.find((item) => item.id === collaboratorId)
    expect(created).toMatchObject({
      firstName: 'Inès',
      gender: 'female',
      birthDate: '1991-07-12',
      contracts: [],
      emails: [{ email: 'ines.marchand@mailbox.example', type: 'personal' }],
      addresses: [
        {
          address: '8 rue Pasteur',
          postcode: '69007',
          city: 'Lyon',
          country: 'FR',
          type: 'personal',
        },
      ],
    })
  })

  it.each([
    [{ lastName: 'X', personalEmail: 'x@mailbox.example' }, 'firstName'],
    [{ ...newPerson, personalEmail: 'not-an-email' }, 'personalEmail'],
    [{ ...newPerson, socialSecurityNumber: '12345' }, 'socialSecurityNumber'],
    [{ ...newPerson, gender: 'male' }, 'gender'],
    [{ ...newPerson, numberOfChildren: 21 }, 'numberOfChildren'],
    [{ ...newPerson, birthInformation: { birthDate: '2030-01-01' } }, 'birthDate'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const result = await call(sandbox, `/companies/${fr.id}/collaborators`, {
      method: 'POST',
      key: fr.keys.full,
      body,
    })
    expect(result.status).toBe(400)
    expect(result.body).toEqual({
      code: 400,
      error: 'Bad request',
      details: expect.stringContaining(field) as unknown,
    })
  })

  it('checks the social security number length against the company country', async () => {
    const twelve = await call(sandbox, `/companies/${gb.id}/collaborators`, {
      method: 'POST',
      key: gb.keys.full,
      body: { ...newPerson, socialSecurityNumber: 'AB 12 34 56C' },
    })
    expect(twelve.status).toBe(201)
    const fifteen = await call(sandbox, `/companies/${gb.id}/collaborators`, {
      method: 'POST',
      key: gb.keys.full,
      body: { ...newPerson, socialSecurityNumber: '291076912345620' },
    })
    expect(fifteen.status).toBe(400)
  })

  it('needs collaborators:write', async () => {
    const result = await call(sandbox, `/companies/${fr.id}/collaborators`, {
      method: 'POST',
      key: fr.keys.read_only,
      body: newPerson,
    })
    expect(result).toMatchObject({
      status: 403,
      body: { details: 'Missing scope "collaborators:write".' },
    })
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
      const first = await call(quick, `/companies/${company.id}/collaborators?maxResults=1`, {
        key: company.keys.full,
      })
      const id = (first.body as { collaborators: { id: string }[] }).collaborators[0]?.id ?? ''
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
    const gbPeople = await call(sandbox, `/companies/${gb.id}/collaborators?maxResults=1`, {
      key: gb.keys.full,
    })
    const gbId = (gbPeople.body as { collaborators: { id: string }[] }).collaborators[0]?.id ?? ''
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
    const frPeople = await call(sandbox, `/companies/${fr.id}/collaborators?maxResults=1`, {
      key: fr.keys.full,
    })
    const frId = (frPeople.body as { collaborators: { id: string }[] }).collaborators[0]?.id ?? ''
    const badDate = await call(sandbox, `/companies/${fr.id}/collaborators/${frId}/contracts`, {
      method: 'POST',
      key: fr.keys.full,
      body: { jobTitle: 'Analyst', startDate: '2026-02-30' },
    })
    expect(badDate.status).toBe(400)
  })
})

describe('absences', () => {
  const someContract = async (): Promise<string> => {
    const list = await call(sandbox, `/companies/${fr.id}/contracts?maxResults=50`, {
      key: fr.keys.full,
    })
    const contracts = (list.body as { contracts: { contractId: string; status: string }[] })
      .contracts
    return contracts.find((c) => c.status === 'ACTIVE')?.contractId ?? ''
  }
  const half = (date: string, moment: string) => ({ date, moment })

  it('creates an approved absence that lists until it is cancelled', async () => {
    const contractId = await someContract()
    const created = await call(sandbox, `/companies/${fr.id}/absences`, {
      method: 'POST',
      key: fr.keys.full,
      body: {
        contractId,
        type: 'fr_rtt',
        startDate: half('2027-02-01', 'middle-of-day'),
        endDate: half('2027-02-01', 'end-of-day'),
      },
    })
    expect(created.status).toBe(201)
    const { id } = created.body as { id: string }
    expect(id).toMatch(/^[0-9a-f]{24}$/)

    const listed = await call(
      sandbox,
      `/companies/${fr.id}/absences?contractId=${contractId}&maxResults=50`,
      { key: fr.keys.full },
    )
    expect((listed.body as { absences: { id: string; status: string }[] }).absences).toContainEqual(
      expect.objectContaining({ id, status: 'approved' }),
    )

    const cancelled = await call(sandbox, `/companies/${fr.id}/absences/${id}`, {
      method: 'DELETE',
      key: fr.keys.full,
      body: { comment: 'Plans changed' },
    })
    expect(cancelled.status).toBe(204)
    const ids = async (query: string) => {
      const result = await call(
        sandbox,
        `/companies/${fr.id}/absences?contractId=${contractId}&maxResults=50${query}`,
        { key: fr.keys.full },
      )
      return (result.body as { absences: { id: string }[] }).absences.map((a) => a.id)
    }
    expect(await ids('')).not.toContain(id)
    expect(await ids('&status=cancelled')).toContain(id)
    expect(await ids('&status=all')).toContain(id)
  })

  it('refuses an overlapping absence with 422', async () => {
    const contractId = await someContract()
    const body = {
      contractId,
      type: 'fr_conges_payes',
      startDate: half('2027-03-01', 'beginning-of-day'),
      endDate: half('2027-03-05', 'end-of-day'),
    }
    expect(
      (
        await call(sandbox, `/companies/${fr.id}/absences`, {
          method: 'POST',
          key: fr.keys.full,
          body,
        })
      ).status,
    ).toBe(201)
    const overlap = await call(sandbox, `/companies/${fr.id}/absences`, {
      method: 'POST',
      key: fr.keys.full,
      body: {
        ...body,
        startDate: half('2027-03-05', 'middle-of-day'),
        endDate: half('2027-03-06', 'end-of-day'),
      },
    })
    expect(overlap.status).toBe(422)
  })

  it.each([
    [{ type: 'fr_maternite' }, 'type not creatable'],
    [{ type: 'uk_annual_leave' }, 'type of another country'],
    [
      {
        startDate: { date: '2027-04-02', moment: 'beginning-of-day' },
        endDate: { date: '2027-04-01', moment: 'end-of-day' },
      },
      'end before start',
    ],
    [
      {
        startDate: { date: '2027-04-01', moment: 'middle-of-day' },
        endDate: { date: '2027-04-01', moment: 'middle-of-day' },
      },
      'empty half day',
    ],
    [{ startDate: { date: '2027-04-01', moment: 'noon' } }, 'unknown moment'],
    [{ contractId: 'ffffffffffffffffffffffff' }, 'unknown contract'],
  ] as [Record<string, unknown>, string][])('refuses %j with 400 (%s)', async (change) => {
    const contractId = await someContract()
    const body = {
      contractId,
      type: 'fr_conges_payes',
      startDate: half('2027-04-01', 'beginning-of-day'),
      endDate: half('2027-04-01', 'end-of-day'),
      ...change,
    }
    const result = await call(sandbox, `/companies/${fr.id}/absences`, {
      method: 'POST',
      key: fr.keys.full,
      body,
    })
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({ code: 400, error: 'Bad request' })
  })

  it('answers 404 when cancelling an unknown absence', async () => {
    const result = await call(sandbox, `/companies/${fr.id}/absences/ffffffffffffffffffffffff`, {
      method: 'DELETE',
      key: fr.keys.full,
    })
    expect(result.status).toBe(404)
  })
})

describe('keys minted and revoked at runtime', () => {
  it('grants exactly the chosen scopes and stops working once revoked', async () => {
    const minted = await call(sandbox, '/_sandbox/keys', {
      method: 'POST',
      key: sandbox.adminToken,
      body: { companyId: fr.id, scopes: ['time:read'] },
    })
    expect(minted.status).toBe(201)
    const { key, keyId } = minted.body as { key: string; keyId: string }
    expect(key.length).toBeGreaterThanOrEqual(40)
    expect(keyId).toMatch(/^key_[0-9a-f]{12}$/)
    expect((await call(sandbox, `/companies/${fr.id}/absences`, { key })).status).toBe(200)
    expect((await call(sandbox, `/companies/${fr.id}/collaborators`, { key })).status).toBe(403)

    const revoked = await call(sandbox, '/_sandbox/keys/revoke', {
      method: 'POST',
      key: sandbox.adminToken,
      body: { key },
    })
    expect(revoked.status).toBe(204)
    expect((await call(sandbox, `/companies/${fr.id}/absences`, { key })).status).toBe(401)
    const introspected = await call(sandbox, '/introspect', {
      method: 'POST',
      key,
      body: { token: key },
    })
    expect(introspected.body).toEqual({ active: false })
  })
})
