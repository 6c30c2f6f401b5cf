import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { FaultConfig } from './faults.ts'
import { startSandbox, type RunningSandbox, type SandboxCompany } from './index.ts'
import { call } from './test-client.ts'

let sandbox: RunningSandbox
let company: SandboxCompany

beforeAll(async () => {
  sandbox = await startSandbox({
    employees: 25,
    today: '2026-06-15',
    rateLimit: { readsPerSecond: 10_000, writesPerSecond: 10_000 },
  })
  company = sandbox.companies[0] as SandboxCompany
})
afterEach(async () => {
  await call(sandbox, '/_sandbox/faults', { method: 'DELETE', key: sandbox.adminToken })
})
afterAll(() => sandbox.close())

const setFaults = async (config: FaultConfig) => {
  const result = await call(sandbox, '/_sandbox/faults', {
    method: 'PUT',
    key: sandbox.adminToken,
    body: config,
  })
  expect(result.status).toBe(200)
}
const collaboratorsPath = () => `/companies/${company.id}/collaborators`
const raw = (path: string) =>
  fetch(sandbox.url + path, { headers: { authorization: `Bearer ${company.keys.full}` } })

describe('the fault admin API', () => {
  it('requires the admin token', async () => {
    for (const key of [undefined, company.keys.full]) {
      const result = await call(sandbox, '/_sandbox/faults', key === undefined ? {} : { key })
      expect(result.status).toBe(401)
    }
  })

  it('reads back what was put and clears it', async () => {
    const config = {
      latency: { fixedMs: 0, jitterMs: 0 },
      rules: [{ route: 'collaborators.list', errorRates: { '502': 0.5 } }],
    }
    await setFaults(config)
    expect((await call(sandbox, '/_sandbox/faults', { key: sandbox.adminToken })).body).toEqual(
      config,
    )
    await call(sandbox, '/_sandbox/faults', { method: 'DELETE', key: sandbox.adminToken })
    expect((await call(sandbox, '/_sandbox/faults', { key: sandbox.adminToken })).body).toEqual({
      rules: [],
    })
  })

  it('refuses an unknown route name or a rate above 1', async () => {
    for (const rules of [
      [{ route: 'collaborators.lst', resetRate: 1 }],
      [{ route: '*', resetRate: 2 }],
    ]) {
      const result = await call(sandbox, '/_sandbox/faults', {
        method: 'PUT',
        key: sandbox.adminToken,
        body: { rules },
      })
      expect(result.status).toBe(400)
    }
  })

  it('lists the route names faults can target', async () => {
    const result = await call(sandbox, '/_sandbox/routes', { key: sandbox.adminToken })
    expect((result.body as { routes: string[] }).routes).toEqual(
      expect.arrayContaining([
        'introspect',
        'collaborators.list',
        'contracts.create',
        'absences.cancel',
        'payslips.get',
      ]),
    )
  })
})

describe('injected faults', () => {
  it.each([500, 502, 503] as const)('answers %i on the targeted route only', async (status) => {
    await setFaults({ rules: [{ route: 'collaborators.list', errorRates: { [status]: 1 } }] })
    const hit = await call(sandbox, collaboratorsPath(), { key: company.keys.full })
    expect(hit.status).toBe(status)
    expect(hit.body).toEqual({ message: expect.any(String) as unknown })
    expect(
      (await call(sandbox, `/companies/${company.id}`, { key: company.keys.full })).status,
    ).toBe(200)
  })

  it('answers a burst of 429s, then recovers', async () => {
    await setFaults({ rules: [{ route: '*', tooManyRequestsBurst: 3 }] })
    const statuses: number[] = []
    for (let i = 0; i < 5; i++)
      statuses.push((await call(sandbox, collaboratorsPath(), { key: company.keys.full })).status)
    expect(statuses).toEqual([429, 429, 429, 200, 200])
  })

  it('lets the first calls through when asked to strike later', async () => {
    await setFaults({
      rules: [{ route: 'collaborators.list', afterCalls: 2, tooManyRequestsBurst: 2 }],
    })
    const statuses: number[] = []
    for (let i = 0; i < 5; i++)
      statuses.push((await call(sandbox, collaboratorsPath(), { key: company.keys.full })).status)
    expect(statuses).toEqual([200, 200, 429, 429, 200])
  })

  it('resets the connection', async () => {
    await setFaults({ rules: [{ route: 'collaborators.list', resetRate: 1 }] })
    await expect(raw(collaboratorsPath())).rejects.toThrow()
  })

  it('sends malformed JSON', async () => {
    await setFaults({ rules: [{ route: 'collaborators.list', malformedJsonRate: 1 }] })
    const response = await raw(collaboratorsPath())
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(() => JSON.parse(text) as unknown).toThrow()
  })

  it('truncates the body', async () => {
    await setFaults({ rules: [{ route: 'collaborators.list', truncatedBodyRate: 1 }] })
    await expect(raw(collaboratorsPath()).then((response) => response.text())).rejects.toThrow()
  })

  it('still delivers the whole body when it is slow', async () => {
    await setFaults({ rules: [{ route: 'collaborators.list', slowBodyMs: 100 }] })
    const result = await call(sandbox, `${collaboratorsPath()}?maxResults=3`, {
      key: company.keys.full,
    })
    expect((result.body as { meta: { count: number } }).meta.count).toBe(3)
  })

  it('repeats the nextPageToken it was given', async () => {
    await setFaults({ rules: [{ route: 'collaborators.list', repeatNextPageToken: true }] })
    const first = await call(sandbox, `${collaboratorsPath()}?maxResults=2`, {
      key: company.keys.full,
    })
    const token = (first.body as { meta: { nextPageToken: string } }).meta.nextPageToken
    const second = await call(
      sandbox,
      `${collaboratorsPath()}?nextPageToken=${encodeURIComponent(token)}`,
      {
        key: company.keys.full,
      },
    )
    expect((second.body as { meta: { nextPageToken: string } }).meta.nextPageToken).toBe(token)
  })

  it('drifts the schema with unknown fields and enum values', async () => {
    await setFaults({
      rules: [{ route: 'contracts.list', extraFieldsRate: 1, unknownEnumRate: 1 }],
    })
    const result = await call(sandbox, `/companies/${company.id}/contracts?maxResults=2`, {
      key: company.keys.full,
    })
    const contracts = (result.body as { contracts: Record<string, unknown>[] }).contracts
    expect(contracts).toHaveLength(2)
    for (const contract of contracts) {
      expect(contract).toHaveProperty('sandboxRevision')
      expect(['ACTIVE', 'ARCHIVED', 'PENDING']).not.toContain(contract.status)
    }
  })

  it('adds latency yet answers normally', async () => {
    await setFaults({ latency: { fixedMs: 20, jitterMs: 10 }, rules: [] })
    expect((await call(sandbox, collaboratorsPath(), { key: company.keys.full })).status).toBe(200)
  })

  it('can be set from the start through the options', async () => {
    const faulty = await startSandbox({
      employees: 5,
      faults: { rules: [{ route: 'companies.get', errorRates: { '503': 1 } }] },
    })
    try {
      const target = faulty.companies[0] as SandboxCompany
      expect(
        (await call(faulty, `/companies/${target.id}`, { key: target.keys.full })).status,
      ).toBe(503)
    } finally {
      await faulty.close()
    }
  })
})

describe('faults that strike after the route ran', () => {
  const newcomer = (email: string) => ({
    firstName: 'Inès',
    lastName: 'Marchand',
    personalEmail: email,
  })
  const collaboratorCount = async () => {
    const counts = await call(sandbox, `/_sandbox/companies/${company.id}/counts`, {
      key: sandbox.adminToken,
    })
    return (counts.body as { collaborators: number }).collaborators
  }

  it('apply the write, then answer a gateway 502 instead of the 201', async () => {
    await setFaults({
      rules: [{ route: 'collaborators.create', afterApply: true, errorRates: { '502': 1 } }],
    })
    const before = await collaboratorCount()

    const result = await call(sandbox, collaboratorsPath(), {
      method: 'POST',
      key: company.keys.full,
      body: newcomer('ines.after-502@example.test'),
    })

    expect(result.status).toBe(502)
    expect(await collaboratorCount()).toBe(before + 1)
  })

  it('apply the write, then cut the connection before the answer', async () => {
    await setFaults({ rules: [{ route: 'collaborators.create', afterApply: true, resetRate: 1 }] })
    const before = await collaboratorCount()

    const attempt = fetch(sandbox.url + collaboratorsPath(), {
      method: 'POST',
      headers: { authorization: `Bearer ${company.keys.full}`, 'content-type': 'application/json' },
      body: JSON.stringify(newcomer('ines.after-reset@example.test')),
    })

    await expect(attempt).rejects.toThrow()
    expect(await collaboratorCount()).toBe(before + 1)
  })

  it('leave reads untouched when the rule only targets a write', async () => {
    await setFaults({ rules: [{ route: 'collaborators.create', afterApply: true, resetRate: 1 }] })
    expect((await raw(collaboratorsPath())).status).toBe(200)
  })
})
