import { afterAll, beforeAll } from 'vitest'
import { z } from 'zod'

import { startSandbox, type RunningSandbox, type SandboxCompany } from './index.ts'
import { call } from './test-client.ts'

export const hex24 = z.string().regex(/^[0-9a-f]{24}$/)
export const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
export const meta = z.strictObject({
  nextPageToken: z.string().nullable(),
  count: z.number().int(),
})
export const contractStatus = z.enum(['ACTIVE', 'ARCHIVED', 'PENDING'])

export const companySchema = z.strictObject({
  id: hex24,
  name: z.string(),
  country: z.enum(['FR', 'ES', 'GB']),
  nbActiveContracts: z.number().int().min(0),
  identificationNumber: z.string().nullable(),
  address: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
})

type SandboxView = Pick<RunningSandbox, 'url' | 'adminToken'>

export interface RouteSandbox {
  sandbox: SandboxView
  fr: SandboxCompany
  es: SandboxCompany
  gb: SandboxCompany
  counts: (company: SandboxCompany) => Promise<Counts>
}

/**
 * The sandbox the route tests share, started before a file's tests and closed after them: a
 * French, a Spanish and a British company on a fixed day, contracts initialised during a test
 * staying in progress, and no rate limit in the way. Call it at the top of a test file; what it
 * returns reads through to the running sandbox, so it can be destructured there and used in tests.
 */
export function useRouteSandbox(): RouteSandbox {
  let started: RunningSandbox | undefined
  beforeAll(async () => {
    started = await startSandbox({
      employees: 40,
      countries: ['FR', 'ES', 'GB'],
      today: '2026-06-15',
      contractVisibilityDelayMs: 3_600_000,
      rateLimit: { readsPerSecond: 10_000, writesPerSecond: 10_000 },
    })
  })
  afterAll(async () => {
    await started?.close()
  })
  const running = (): RunningSandbox => {
    if (started === undefined) throw new Error('The route sandbox only runs during the tests.')
    return started
  }
  const sandbox: SandboxView = {
    get url() {
      return running().url
    },
    get adminToken() {
      return running().adminToken
    },
  }
  return {
    sandbox,
    fr: companyAt(running, 0),
    es: companyAt(running, 1),
    gb: companyAt(running, 2),
    counts: (company) => countsOf(sandbox, company),
  }
}

function companyAt(running: () => RunningSandbox, index: number): SandboxCompany {
  const company = () => running().companies[index] as SandboxCompany
  return {
    get id() {
      return company().id
    },
    get name() {
      return company().name
    },
    get country() {
      return company().country
    },
    get keys() {
      return company().keys
    },
    get keyIds() {
      return company().keyIds
    },
  }
}

export const companyPath = (company: SandboxCompany, path: string) =>
  `/companies/${company.id}${path}`

export interface Counts {
  collaborators: number
  inProgressContracts: number
}

async function countsOf(sandbox: SandboxView, company: SandboxCompany): Promise<Counts> {
  const result = await call(sandbox, `/_sandbox/companies/${company.id}/counts`, {
    key: sandbox.adminToken,
  })
  return result.body as Counts
}

export const newPerson = {
  firstName: 'Inès',
  lastName: 'Marchand',
  personalEmail: 'ines.marchand@mailbox.example',
}

export async function firstCollaboratorId(
  sandbox: Pick<RunningSandbox, 'url'>,
  company: SandboxCompany,
): Promise<string> {
  const list = await call(sandbox, companyPath(company, '/collaborators?maxResults=1'), {
    key: company.keys.full,
  })
  return (list.body as { collaborators: { id: string }[] }).collaborators[0]?.id ?? ''
}
