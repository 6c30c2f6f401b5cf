import type { Random } from './random.ts'

/** Luhn check, used by France for SIREN and SIRET numbers. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}

/** Appends the digit that makes `body` pass the Luhn check. */
export function withLuhnDigit(body: string): string {
  for (let digit = 0; digit <= 9; digit++) {
    const candidate = body + String(digit)
    if (isLuhnValid(candidate)) return candidate
  }
  throw new Error('unreachable: one Luhn digit always fits')
}

export function generateSiren(random: Random): string {
  return withLuhnDigit(String(random.int(1, 9)) + random.digits(7))
}

export function generateSiret(random: Random, siren: string): string {
  return withLuhnDigit(siren + random.digits(4))
}

/** The 2-digit NIR key: 97 − (the 13 digits mod 97), with Corsica's 2A/2B read as 19/18. */
export function nirKey(first13: string): string {
  const numeric = first13.replace('2A', '19').replace('2B', '18')
  const key = 97 - Number(BigInt(numeric) % 97n)
  return String(key).padStart(2, '0')
}

export function isNirValid(nir: string): boolean {
  if (!/^[12]\d{4}(\d{2}|2A|2B)\d{6}\d{2}$/.test(nir)) return false
  return nirKey(nir.slice(0, 13)) === nir.slice(13)
}

const METROPOLITAN_DEPARTMENTS = [
  '75',
  '69',
  '13',
  '33',
  '59',
  '31',
  '44',
  '67',
  '06',
  '34',
  '35',
  '38',
  '92',
  '93',
  '94',
  '91',
  '78',
  '95',
  '77',
  '76',
  '62',
  '57',
  '54',
  '21',
  '29',
  '63',
  '37',
  '45',
  '49',
  '64',
]

export function generateNir(random: Random, person: { sex: 1 | 2; birthDate: string }): string {
  const year = person.birthDate.slice(2, 4)
  const month = person.birthDate.slice(5, 7)
  const place = random.weighted<'metropole' | 'corsica' | 'overseas'>([
    ['metropole', 92],
    ['corsica', 3],
    ['overseas', 5],
  ])
  let departmentAndCommune: string
  if (place === 'corsica') departmentAndCommune = random.pick(['2A', '2B']) + random.digits(3)
  else if (place === 'overseas')
    departmentAndCommune = `97${String(random.int(1, 6))}${random.digits(2)}`
  else departmentAndCommune = random.pick(METROPOLITAN_DEPARTMENTS) + random.digits(3)
  const order = String(random.int(1, 999)).padStart(3, '0')
  const first13 = `${String(person.sex)}${year}${month}${departmentAndCommune}${order}`
  return first13 + nirKey(first13)
}

/** ISO 13616 check digits: the IBAN read as a number, letters as 10..35, must be 1 mod 97. */
export function isIbanValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false
  return ibanRemainder(iban.slice(4) + iban.slice(0, 4)) === 1
}

export function generateIban(random: Random, country: 'FR' | 'ES' | 'GB'): string {
  const bban =
    country === 'FR'
      ? random.digits(21) + random.digits(2)
      : country === 'ES'
        ? random.digits(20)
        : random.pick(['NWBK', 'BARC', 'LOYD', 'HBUK']) + random.digits(14)
  const check = 98 - ibanRemainder(`${bban}${country}00`)
  return `${country}${String(check).padStart(2, '0')}${bban}`
}

function ibanRemainder(text: string): number {
  let remainder = 0
  for (const char of text) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55)
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97
  }
  return remainder
}
