import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSandbox, type RunningSandbox, type SandboxCompany } from './index.ts'
import { call } from './test-client.ts'

let sandbox: RunningSandbox
let company: SandboxCompany
let collaboratorId: string
let contractId: string

beforeAll(async () => {
  sandbox = await startSandbox({ employees: 20, today: '2026-06-15' })
  company = sandbox.companies[0] as SandboxCompany
  const list = await call(sandbox, `/companies/${company.id}/contracts-fr?maxResults=1`, {
    key: company.keys.full,
  })
  const first = (list.body as { contracts: { contractId: string; collaboratorId: string }[] })
    .contracts[0]
  collaboratorId = first?.collaboratorId ?? ''
  contractId = first?.contractId ?? ''
})
afterAll(() => sandbox.close())

async function readCollaborator(key: string): Promise<Record<string, unknown>> {
  const result = await call(sandbox, `/companies/${company.id}/collaborators/${collaboratorId}`, {
    key,
  })
  expect(result.status).toBe(200)
  return result.body as Record<string, unknown>
}

const base = [
  'id',
  'matricule',
  'firstName',
  'lastName',
  'secondLastName',
  'birthName',
  'birthDate',
  'terminationDate',
  'gender',
  'emails',
  'phoneNumbers',
  'addresses',
]

describe('field gating on one collaborator', () => {
  it('shows every field to the full key', async () => {
    const body = await readCollaborator(company.keys.full)
    expect(Object.keys(body).sort()).toEqual(
      [
        ...base,
        'nationality',
        'countryOfBirth',
        'socialSecurityNumber',
        'temporaryTechnicalNumber',
        'iban',
        'bic',
        'managerId',
        'teamName',
        'contracts',
      ].sort(),
    )
  })

  it('hides social security and bank fields from the guide key', async () => {
    const body = await readCollaborator(company.keys.guide)
    expect(Object.keys(body).sort()).toEqual(
      [...base, 'nationality', 'countryOfBirth', 'managerId', 'teamName', 'contracts'].sort(),
    )
    expect(Array.isArray(body.contracts)).toBe(true)
  })

  it('leaves the read-only key the base fields without personal entries', async () => {
    const body = await readCollaborator(company.keys.read_only)
    expect(Object.keys(body).sort()).toEqual([...base].sort())
    expect(body.phoneNumbers).toEqual([])
    expect(body.addresses).toEqual([])
  })

  it('sends null instead of omitting when a group is switched to null', async () => {
    const other = await startSandbox({
      employees: 5,
      fieldGating: { 'collaborator.bankInfo': 'null' },
    })
    try {
      const target = other.companies[0] as SandboxCompany
      const list = await call(other, `/companies/${target.id}/collaborators?maxResults=1`, {
        key: target.keys.read_only,
      })
      const person = (list.body as { collaborators: Record<string, unknown>[] }).collaborators[0]
      expect(person).toMatchObject({ iban: null, bic: null })
      expect(person).not.toHaveProperty('managerId')
    } finally {
      await other.close()
    }
  })
})

describe('field gating on contracts', () => {
  it('nulls time information and omits workingTimeModality without the time scope', async () => {
    const key = (
      await call(sandbox, '/_sandbox/keys', {
        method: 'POST',
        key: sandbox.adminToken,
        body: { companyId: company.id, scopes: ['contracts:read'] },
      })
    ).body as { key: string }
    const result = await call(sandbox, `/companies/${company.id}/contracts-fr/${contractId}`, {
      key: key.key,
    })
    const body = result.body as Record<string, unknown>
    expect(body).toMatchObject({
      standardWeeklyHours: null,
      fullTimeEquivalent: null,
      isFullTime: null,
      healthInsuranceContractIds: null,
      providentFundContractIds: null,
      numeroSecuriteSociale: null,
      numeroTechniqueTemporaire: null,
    })
    expect(body).not.toHaveProperty('workingTimeModality')
  })

  it('fills time information for the guide key', async () => {
    const result = await call(sandbox, `/companies/${company.id}/contracts-fr/${contractId}`, {
      key: company.keys.guide,
    })
    const body = result.body as Record<string, unknown>
    expect(typeof body.standardWeeklyHours).toBe('number')
    expect(typeof body.workingTimeModality).toBe('string')
    expect(body.healthInsuranceContractIds).toBeNull()
  })
})

describe('endpoint scopes', () => {
  it.each([
    ['guide', '/absences', 403],
    ['guide', '/contracts', 200],
    ['read_only', '/collaborators', 200],
    ['read_only', '/contracts-fr', 403],
    ['read_only', '', 200],
  ] as const)('the %s key on %s answers %i', async (kind, path, status) => {
    const result = await call(sandbox, `/companies/${company.id}${path}`, {
      key: company.keys[kind],
    })
    expect(result.status).toBe(status)
  })

  it('honours the deprecated alias of a renamed scope', async () => {
    const minted = await call(sandbox, '/_sandbox/keys', {
      method: 'POST',
      key: sandbox.adminToken,
      body: {
        companyId: company.id,
        scopes: ['collaborators:read', 'collaborators:securite-sociale:read'],
      },
    })
    const key = (minted.body as { key: string }).key
    const body = await readCollaborator(key)
    expect(body).toHaveProperty('socialSecurityNumber')
  })
})
