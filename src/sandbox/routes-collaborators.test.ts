import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import {
  companyPath,
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

const { sandbox, fr, gb, counts } = useRouteSandbox()

describe('collaborators', () => {
  it('lists collaborators with every field under the full key', async () => {
    const result = await call(sandbox, companyPath(fr, '/collaborators?maxResults=50'), {
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
    const result = await call(sandbox, companyPath(fr, '/collaborators'), { key: fr.keys.full })
    const body = result.body as {
      collaborators: unknown[]
      meta: { nextPageToken: string | null; count: number }
    }
    expect(body.collaborators).toHaveLength(10)
    expect(body.meta.count).toBe(10)
    expect(body.meta.nextPageToken).not.toBeNull()
  })

  it('reads one collaborator unwrapped and 404s an unknown id', async () => {
    const id = await firstCollaboratorId(sandbox, fr)
    const one = await call(sandbox, companyPath(fr, `/collaborators/${id}`), { key: fr.keys.full })
    expect(collaboratorSchema.parse(one.body).id).toBe(id)
    const missing = await call(
      sandbox,
      companyPath(fr, '/collaborators/00000000-0000-4000-8000-000000000000'),
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
    const all = await call(sandbox, companyPath(fr, '/collaborators?maxResults=50'), {
      key: fr.keys.full,
    })
    const people = (all.body as { collaborators: z.infer<typeof collaboratorSchema>[] })
      .collaborators
    const withWork = people.find((p) => p.emails.some((e) => e.type === 'professional'))
    const work = withWork?.emails.find((e) => e.type === 'professional')?.email ?? ''
    const found = await call(
      sandbox,
      companyPath(fr, `/collaborators?email=${encodeURIComponent(work)}`),
      {
        key: fr.keys.full,
      },
    )
    expect(
      (found.body as { collaborators: { id: string }[] }).collaborators.map((c) => c.id),
    ).toEqual([withWork?.id])
    const personal = people.flatMap((p) => p.emails).find((e) => e.type === 'personal')?.email ?? ''
    const none = await call(
      sandbox,
      companyPath(fr, `/collaborators?email=${encodeURIComponent(personal)}`),
      { key: fr.keys.full },
    )
    expect((none.body as { collaborators: unknown[] }).collaborators).toEqual([])
  })

  it('serves meal vouchers for a month', async () => {
    const result = await call(
      sandbox,
      companyPath(fr, '/collaborators/meal-vouchers?date=202605&maxResults=5'),
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
