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

export interface RouteSandbox {
  sandbox: RunningSandbox
  fr: SandboxCompany
  es: SandboxCompany
  gb: SandboxCompany
}

/**
 * The sandbox the route tests share: a French, a Spanish and a British company on a fixed day,
 * contracts initialised during a test staying in progress, and no rate limit in the way.
 */
export async function startRouteSandbox(): Promise<RouteSandbox> {
  const sandbox = await startSandbox({
    employees: 40,
    countries: ['FR', 'ES', 'GB'],
    today: '2026-06-15',
    contractVisibilityDelayMs: 3_600_000,
    rateLimit: { readsPerSecond: 10_000, writesPerSecond: 10_000 },
  })
  const [fr, es, gb] = sandbox.companies as [SandboxCompany, SandboxCompany, SandboxCompany]
  return { sandbox, fr, es, gb }
}

export const companyPath = (company: SandboxCompany, path: string) =>
  `/companies/${company.id}${path}`

export interface Counts {
  collaborators: number
  inProgressContracts: number
}

export async function countsOf(sandbox: RunningSandbox, company: SandboxCompany): Promise<Counts> {
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
