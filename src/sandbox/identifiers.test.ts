import { describe, expect, it } from 'vitest'

import { addMonths, fromDays, isValidDate, toDays } from './dates.ts'
import {
  generateIban,
  generateNir,
  isIbanValid,
  isLuhnValid,
  isNirValid,
  nirKey,
} from './identifiers.ts'
import { Random } from './random.ts'

describe('French identifiers', () => {
  it('accepts the reference NIR fakes and rejects a wrong key', () => {
    expect(isNirValid('291076912345620')).toBe(true)
    expect(isNirValid('185037505678969')).toBe(true)
    expect(isNirValid('185037505678968')).toBe(false)
  })

  it('keys Corsican NIRs with 2A read as 19 and 2B as 18', () => {
    const body2A = '185072A123456'
    const body2B = '185072B123456'
    expect(nirKey(body2A)).toBe(String(97 - Number(1850719123456n % 97n)).padStart(2, '0'))
    expect(nirKey(body2B)).toBe(String(97 - Number(1850718123456n % 97n)).padStart(2, '0'))
    expect(isNirValid(body2A + nirKey(body2A))).toBe(true)
  })

  it('generates NIRs that carry the sex, birth year and month and a valid key', () => {
    const random = new Random(7)
    for (let i = 0; i < 500; i++) {
      const nir = generateNir(random, { sex: 2, birthDate: '1991-07-12' })
      expect(nir).toMatch(/^29107/)
      expect(isNirValid(nir)).toBe(true)
    }
  })

  it('checks SIREN and SIRET with Luhn', () => {
    expect(isLuhnValid('842156374')).toBe(true)
    expect(isLuhnValid('84215637400022')).toBe(true)
    expect(isLuhnValid('84215637400023')).toBe(false)
  })

  it('generates IBANs whose check digits hold', () => {
    const random = new Random(3)
    for (const country of ['FR', 'ES', 'GB'] as const) {
      const iban = generateIban(random, country)
      expect(iban.startsWith(country)).toBe(true)
      expect(isIbanValid(iban)).toBe(true)
    }
    expect(isIbanValid('FR7630006000011234567890189')).toBe(true)
    expect(isIbanValid('FR7630006000011234567890188')).toBe(false)
  })
})

describe('date-only arithmetic', () => {
  it('round-trips day counts without the local time zone', () => {
    for (const date of ['1960-01-01', '2000-02-29', '2024-12-31', '2026-03-29']) {
      expect(fromDays(toDays(date))).toBe(date)
    }
  })

  it('clamps month arithmetic to the end of shorter months', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28')
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15')
  })

  it('refuses impossible dates', () => {
    expect(isValidDate('2025-02-30')).toBe(false)
    expect(isValidDate('2025-2-3')).toBe(false)
    expect(isValidDate('2024-02-29')).toBe(true)
  })
})
