import { describe, expect, it } from 'vitest'

import type { EmploymentFacts } from '../mapping.ts'
import { indexContracts } from './contract-index.ts'

const french: EmploymentFacts = {
  contractId: 'c-1',
  collaboratorId: 'alice',
  jobName: 'Cheffe de projet, "senior" — Île-de-France',
  startDate: '2021-02-01',
  endDate: null,
  status: 'ACTIVE',
  standardWeeklyHours: 35,
  fullTimeEquivalent: 1,
  isFullTime: true,
  natureContratDsn: '01',
}
const earlierFrench: EmploymentFacts = {
  ...french,
  contractId: 'c-0',
  jobName: null,
  startDate: '2019-09-01',
  endDate: '2021-01-31',
  status: 'ARCHIVED',
  natureContratDsn: null,
}
const global: EmploymentFacts = {
  contractId: 'c-2',
  collaboratorId: 'bob',
  jobName: 'Developer',
  startDate: '2024-03-04',
  endDate: '2025-03-03',
  status: 'PENDING',
  standardWeeklyHours: null,
  fullTimeEquivalent: 0.8,
  isFullTime: false,
}

describe('the contract index', () => {
  const index = indexContracts([french, global, earlierFrench])

  it("gives back each collaborator's contracts exactly as added, in the order walked", () => {
    expect(index.contractsOf('alice')).toEqual([french, earlierFrench])
    expect(index.contractsOf('bob')).toEqual([global])
    expect(index.size).toBe(3)
  })

  it('keeps natureContratDsn only on contracts that had it, null included', () => {
    const [bobs] = index.contractsOf('bob') ?? []
    expect(bobs !== undefined && 'natureContratDsn' in bobs).toBe(false)
    const [, alicesFirst] = index.contractsOf('alice') ?? []
    expect(alicesFirst).toHaveProperty('natureContratDsn', null)
  })

  it('answers whose contract an id is, and nothing for an unknown collaborator or contract', () => {
    expect(index.collaboratorOf('c-0')).toBe('alice')
    expect(index.collaboratorOf('c-2')).toBe('bob')
    expect(index.has('c-1')).toBe(true)
    expect(index.has('c-9')).toBe(false)
    expect(index.collaboratorOf('c-9')).toBeUndefined()
    expect(index.contractsOf('carol')).toBeUndefined()
  })

  it('sees a contract added after a lookup by contract id', () => {
    const growing = indexContracts([global])
    expect(growing.has('c-1')).toBe(false)
    growing.add(french)
    expect(growing.collaboratorOf('c-1')).toBe('alice')
  })

  it('finds every collaborator among many, whatever characters the ids hold', () => {
    const ids = Array.from(
      { length: 500 },
      (_, n) => `id.${String((n * 7919) % 1000)}\t${'é'.repeat(n % 3)}`,
    )
    const many = indexContracts(
      ids.flatMap((id, n) => [
        {
          ...global,
          collaboratorId: id,
          contractId: `${id}/a\tb`,
          jobName: `job ${String(n % 9)}`,
        },
        ...(n % 4 === 0 ? [{ ...french, collaboratorId: id, contractId: `${id}/second` }] : []),
      ]),
    )
    for (const [n, id] of ids.entries()) {
      const contracts = many.contractsOf(id) ?? []
      expect(contracts.map((contract) => contract.contractId)).toEqual(
        n % 4 === 0 ? [`${id}/a\tb`, `${id}/second`] : [`${id}/a\tb`],
      )
      expect(contracts[0]?.jobName).toBe(`job ${String(n % 9)}`)
      expect(many.collaboratorOf(`${id}/a\tb`)).toBe(id)
    }
    expect(many.contractsOf('id.1000')).toBeUndefined()
    expect(many.size).toBe(500 + 125)
  })

  it('keeps the order added across sealed batches, with lookups and additions interleaved', () => {
    const growing = indexContracts([])
    const expected = new Map<string, string[]>()
    const addContract = (n: number) => {
      const collaboratorId = `collaborator-${String((n * 7919) % 3001)}`
      const contractId = `contract-${String(n)}`
      growing.add({ ...global, collaboratorId, contractId, jobName: `job ${String(n % 13)}` })
      expected.set(collaboratorId, [...(expected.get(collaboratorId) ?? []), contractId])
    }
    const matches = () =>
      [...expected].every(([collaboratorId, contractIds]) => {
        const found = growing.contractsOf(collaboratorId) ?? []
        return found.map((contract) => contract.contractId).join() === contractIds.join()
      })
    for (let n = 0; n < 20_000; n += 1) addContract(n)
    expect(matches()).toBe(true)
    for (let n = 20_000; n < 20_050; n += 1) {
      addContract(n)
      expect(growing.collaboratorOf(`contract-${String(n)}`)).toBe(
        `collaborator-${String((n * 7919) % 3001)}`,
      )
    }
    expect(matches()).toBe(true)
    expect(growing.size).toBe(20_050)
    expect(growing.contractsOf('collaborator-3001')).toBeUndefined()
    expect(growing.bytes / growing.size).toBeLessThan(60)
  })
})
