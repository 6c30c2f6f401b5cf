import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import {
  InvalidCredentialsError,
  NotFoundError,
  ProviderError,
  ProviderSchemaError,
  ProviderTimeoutError,
} from '../../errors.ts'
import { createLogger } from '../../log.ts'
import { startSandbox } from '../../sandbox/index.ts'
import { createPayfitClient, ScopeForbiddenError, type PayfitClientOptions } from './client.ts'
import type { PayfitCollaborator } from './schemas.ts'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>

const employees = 120
let sandbox: Sandbox
const lines: string[] = []
const logger = createLogger({ level: 'debug', destination: { write: (line) => lines.push(line) } })

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 5, employees })
})
afterAll(async () => {
  await sandbox.close()
})
afterEach(async () => {
  await setFaults({ rules: [] })
})

function company() {
  const first = sandbox.companies[0]
  if (first === undefined) throw new Error('the sandbox started without a company')
  return first
}

function clientFor(
  key: keyof Sandbox['companies'][number]['keys'],
  extra: Partial<PayfitClientOptions> = {},
) {
  return createPayfitClient({
    apiUrl: sandbox.url,
    oauthUrl: sandbox.url,
    apiKey: company().keys[key],
    logger,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    timeoutMs: 10_000,
    ...extra,
  })
}

async function setFaults(config: unknown): Promise<void> {
  const response = await fetch(`${sandbox.url}/_sandbox/faults`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${sandbox.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(config),
  })
  if (!response.ok) throw new Error(`the sandbox refused the faults: ${String(response.status)}`)
}

async function allCollaborators(client: ReturnType<typeof clientFor>) {
  const collaborators: PayfitCollaborator[] = []
  for await (const page of client.pages((query) => client.listCollaborators(company().id, query))) {
    collaborators.push(...page.items)
  }
  return collaborators
}

describe('PayFit client against the sandbox', () => {
  it('resolves its company through introspection', async () => {
    const client = clientFor('guide')
    const introspection = await client.introspect()
    expect(introspection).toMatchObject({ active: true, company_id: company().id })
    await expect(client.getCompany(company().id)).resolves.toMatchObject({ name: company().name })
  })

  it('walks every collaborator exactly once, fifty a page', async () => {
    const client = clientFor('full')
    const collaborators = await allCollaborators(client)
    const ids = new Set(collaborators.map((collaborator) => collaborator.id))
    expect(ids.size).toBe(collaborators.length)
    expect(collaborators.length).toBeGreaterThanOrEqual(employees)
    expect(client.callCount).toBe(Math.ceil(collaborators.length / 50))
  })

  it('reads contracts, French contracts and absences of every status', async () => {
    const client = clientFor('full')
    const contracts = await client.listContracts(company().id, { maxResults: 50 })
    expect(contracts.items.length).toBeGreaterThan(0)
    const first = contracts.items[0]
    if (first === undefined) throw new Error('no contract')
    await expect(client.getContract(company().id, first.contractId)).resolves.toMatchObject({
      contractId: first.contractId,
    })
    if (company().country === 'FR') {
      const fr = await client.getContractFr(company().id, first.contractId)
      expect(fr.natureContratDsn).toMatch(/^\d{2}$/)
    }
    const absences = await client.listAbsences(company().id, { status: 'all', maxResults: 50 })
    for (const absence of absences.items) {
      expect(absence.startDate.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    }
  })

  it('reads a payslip as PDF bytes', async () => {
    const client = clientFor('full')
    const collaborators = (await client.listCollaborators(company().id, { maxResults: 10 })).items
    const lists = await Promise.all(
      collaborators.map(async ({ id }) => ({
        collaboratorId: id,
        payslips: (await client.listPayslips(company().id, id)).payslips,
      })),
    )
    const owner = lists.find(({ payslips }) => payslips.length > 0)
    const payslip = owner?.payslips[0]
    if (owner === undefined || payslip === undefined) throw new Error('no payslip in the sandbox')
    const pdf = await client.getPayslipPdf(company().id, { ...payslip, ...owner })
    expect(pdf.contentType).toMatch(/application\/pdf/)
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe('%PDF-')
  })

  it('creates a collaborator, then records and cancels an absence', async () => {
    const client = clientFor('full')
    const { collaboratorId } = await client.createCollaborator(company().id, {
      firstName: 'Noor',
      lastName: 'Haddad',
      personalEmail: 'noor.haddad@example.test',
    })
    expect(collaboratorId).not.toBe('')
    const [contract] = (await client.listContracts(company().id, { maxResults: 1 })).items
    if (contract === undefined) throw new Error('no contract')
    const { id } = await client.createAbsence(company().id, {
      contractId: contract.contractId,
      type:
        company().country === 'GB'
          ? 'uk_remote'
          : company().country === 'ES'
            ? 'es_teletrabajo'
            : 'fr_teletravail',
      startDate: { date: '2031-03-03', moment: 'beginning-of-day' },
      endDate: { date: '2031-03-03', moment: 'end-of-day' },
    })
    await client.cancelAbsence(company().id, id, 'plans changed')
    const cancelled = await client.listAbsences(company().id, {
      contractId: contract.contractId,
      status: 'cancelled',
      maxResults: 50,
    })
    expect(cancelled.items.map((absence) => absence.id)).toContain(id)
  })
})

describe('PayFit client errors against the sandbox', () => {
  it('answers NotFoundError for an unknown collaborator', async () => {
    await expect(
      clientFor('full').getCollaborator(company().id, '00000000-0000-4000-8000-000000000000'),
    ).rejects.toBeInstanceOf(NotFoundError)
  })

  it('names the scope a read-only key lacks', async () => {
    const error = await clientFor('read_only')
      .listContracts(company().id)
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ScopeForbiddenError)
    expect((error as ScopeForbiddenError).scope).toBe('contracts:read')
  })

  it('answers InvalidCredentialsError for a revoked key', async () => {
    await expect(clientFor('revoked').getCompany(company().id)).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    )
  })

  it('waits out 429s as the sandbox says, then succeeds', async () => {
    await setFaults({ rules: [{ route: 'companies.get', tooManyRequestsBurst: 2 }] })
    // A 60 s backoff would overrun the deadline: only Retry-After's 1 s lets these retries happen.
    const client = clientFor('full', { retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } })
    await expect(client.getCompany(company().id)).resolves.toMatchObject({ id: company().id })
    expect(client.callCount).toBe(3)
  })

  it('retries 5xx on a read until its attempts run out', async () => {
    await setFaults({ rules: [{ route: 'companies.get', errorRates: { '503': 1 } }] })
    const client = clientFor('full', { retry: { maxAttempts: 3, baseDelayMs: 5 } })
    const error = await client.getCompany(company().id).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).providerErrors[0]?.status).toBe(503)
    expect(client.callCount).toBe(3)
  })

  it('does not retry a write that met a 5xx', async () => {
    await setFaults({ rules: [{ route: 'collaborators.create', errorRates: { '500': 1 } }] })
    const client = clientFor('full')
    await expect(
      client.createCollaborator(company().id, {
        firstName: 'Ines',
        lastName: 'Marchal',
        personalEmail: 'ines.marchal@example.test',
      }),
    ).rejects.toBeInstanceOf(ProviderError)
    expect(client.callCount).toBe(1)
  })

  it('gives up on a hung sandbox within its deadline', async () => {
    await setFaults({ rules: [{ route: 'companies.get', latencyMs: 30_000 }] })
    const client = clientFor('full', { attemptTimeoutMs: 150, timeoutMs: 500 })
    await expect(client.getCompany(company().id)).rejects.toBeInstanceOf(ProviderTimeoutError)
  })

  it('stops a walk when the sandbox repeats a page token', async () => {
    await setFaults({ rules: [{ route: 'collaborators.list', repeatNextPageToken: true }] })
    await expect(allCollaborators(clientFor('full'))).rejects.toThrow(/already sent/)
  })

  it('reads through unknown enum values and extra fields', async () => {
    await setFaults({
      rules: [{ route: 'collaborators.list', unknownEnumRate: 1, extraFieldsRate: 1 }],
    })
    const page = await clientFor('full').listCollaborators(company().id, { maxResults: 50 })
    expect(page.items.length).toBeGreaterThan(0)
    expect(page.items[0]).not.toHaveProperty('sandboxRevision')
  })

  it('reports malformed JSON as schema drift', async () => {
    await setFaults({ rules: [{ route: 'companies.get', malformedJsonRate: 1 }] })
    await expect(clientFor('full').getCompany(company().id)).rejects.toBeInstanceOf(
      ProviderSchemaError,
    )
  })

  it('never writes a key into a log line', () => {
    const logged = lines.join('\n')
    expect(logged).toContain('payfit call retried')
    for (const key of Object.values(company().keys)) expect(logged).not.toContain(key)
  })
})
