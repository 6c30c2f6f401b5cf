import { describe, expect, it } from 'vitest'

import { generateCompany } from './generate.ts'
import { isIbanValid, isLuhnValid, isNirValid } from './identifiers.ts'
import type { CompanyData } from './types.ts'

const TODAY = '2026-06-15'
const seeds = [1, 2, 3, 42, 9001]

function company(seed: number, country: 'FR' | 'ES' | 'GB' = 'FR', employees = 300): CompanyData {
  return generateCompany(seed, { index: 0, country, employees }, TODAY)
}

describe.each(seeds)('generated French company, seed %i', (seed) => {
  const data = company(seed)

  it('has the requested number of collaborators with distinct UUID v4 ids', () => {
    expect(data.collaborators).toHaveLength(300)
    expect(new Set(data.collaborators.map((c) => c.id)).size).toBe(300)
    for (const c of data.collaborators) {
      expect(c.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    }
  })

  it('has a Luhn-valid SIREN and a SIRET that extends it', () => {
    const { siren, identificationNumber } = data.company
    expect(siren).toMatch(/^\d{9}$/)
    expect(identificationNumber).toMatch(/^\d{14}$/)
    expect(isLuhnValid(siren ?? '')).toBe(true)
    expect(isLuhnValid(identificationNumber)).toBe(true)
    expect(identificationNumber.startsWith(siren ?? '-')).toBe(true)
  })

  it('gives every NIR a valid key that matches the birth date', () => {
    const nirs = data.collaborators.filter((c) => c.socialSecurityNumber !== null)
    expect(nirs.length).toBeGreaterThan(250)
    for (const c of nirs) {
      const nir = c.socialSecurityNumber ?? ''
      expect(isNirValid(nir), nir).toBe(true)
      expect(nir.slice(1, 5)).toBe(
        `${c.birthDate?.slice(2, 4) ?? ''}${c.birthDate?.slice(5, 7) ?? ''}`,
      )
    }
  })

  it('builds a manager tree without cycles whose managers all exist', () => {
    const byId = data.collaboratorsById
    expect(data.collaborators.filter((c) => c.managerId === null)).toHaveLength(1)
    for (const c of data.collaborators) {
      const seen = new Set<string>([c.id])
      let manager = c.managerId
      while (manager !== null) {
        expect(seen.has(manager)).toBe(false)
        seen.add(manager)
        const next = byId.get(manager)
        expect(next).toBeDefined()
        manager = next?.managerId ?? null
      }
    }
  })

  it('links every contract to an existing collaborator and every absence to a contract', () => {
    for (const contract of data.contracts) {
      expect(data.collaboratorsById.get(contract.collaborator.id)).toBe(contract.collaborator)
      expect(contract.collaborator.contracts).toContain(contract)
      expect(contract.contractId).toMatch(/^[0-9a-f]{24}$/)
    }
    for (const absence of data.absences) {
      expect(data.contractsById.has(absence.contractId)).toBe(true)
      expect(absence.id).toMatch(/^[0-9a-f]{24}$/)
    }
  })

  it('orders dates: birth before work, start before probation end and end', () => {
    for (const contract of data.contracts) {
      const birth = contract.collaborator.birthDate
      if (birth !== null) expect(birth < contract.startDate).toBe(true)
      if (contract.endDate !== null) expect(contract.startDate <= contract.endDate).toBe(true)
      if (contract.probationEndDate !== null) {
        expect(contract.startDate <= contract.probationEndDate).toBe(true)
      }
    }
    for (const absence of data.absences) {
      expect(absence.startDate.date <= absence.endDate.date).toBe(true)
    }
  })

  it('derives statuses from the dates and today', () => {
    for (const contract of data.contracts) {
      const expected =
        contract.startDate > TODAY
          ? 'PENDING'
          : contract.endDate !== null && contract.endDate < TODAY
            ? 'ARCHIVED'
            : 'ACTIVE'
      expect(contract.status).toBe(expected)
      if (contract.status === 'ACTIVE') expect(contract.fr?.motifRuptureDeContratDsn).toBeNull()
      if (contract.status === 'ARCHIVED')
        expect(contract.fr?.motifRuptureDeContratDsn).toMatch(/^\d{3}$/)
    }
  })

  it('matches full-time equivalents to weekly hours', () => {
    for (const contract of data.contracts) {
      const hours = contract.standardWeeklyHours ?? 0
      const expected = hours >= 35 ? 1 : Math.round((hours / 35) * 100) / 100
      expect(contract.fullTimeEquivalent).toBe(expected)
      expect(contract.isFullTime).toBe(expected === 1)
    }
  })

  it('has valid IBANs and a realistic mix of contracts', () => {
    for (const c of data.collaborators) if (c.iban !== null) expect(isIbanValid(c.iban)).toBe(true)
    const natures = new Set(data.contracts.map((c) => c.fr?.natureContratDsn))
    expect(natures).toContain('01')
    expect(natures).toContain('02')
    expect(natures).toContain('29')
    const statuses = new Set(data.contracts.map((c) => c.status))
    expect([...statuses].sort()).toEqual(['ACTIVE', 'ARCHIVED', 'PENDING'])
    expect(data.collaborators.some((c) => c.contracts.length > 1)).toBe(true)
    expect(data.collaborators.some((c) => c.matricule === null)).toBe(true)
    expect(data.absences.some((a) => a.endDate.moment === 'middle-of-day')).toBe(true)
  })
})

describe('determinism', () => {
  const serialise = (data: CompanyData): string =>
    JSON.stringify(data.collaborators, (key, value: unknown) =>
      key === 'collaborator' ? undefined : value,
    )

  it('gives the same data for the same seed', () => {
    expect(serialise(company(5, 'FR', 50))).toBe(serialise(company(5, 'FR', 50)))
  })

  it('gives different data for another seed', () => {
    expect(company(5, 'FR', 50).company.id).not.toBe(company(6, 'FR', 50).company.id)
  })

  it('keeps the company id whatever the company size', () => {
    expect(company(5, 'FR', 10).company.id).toBe(company(5, 'FR', 500).company.id)
  })
})

describe.each(['ES', 'GB'] as const)('generated %s company', (country) => {
  const data = company(11, country, 40)

  it('uses the country, its absence types and no French contract fields', () => {
    expect(data.company.country).toBe(country)
    expect(data.company.siren).toBeNull()
    expect(data.contracts.every((c) => c.fr === null)).toBe(true)
    const prefix = country === 'ES' ? 'es_' : 'uk_'
    expect(data.absences.every((a) => a.type.startsWith(prefix))).toBe(true)
  })
})
