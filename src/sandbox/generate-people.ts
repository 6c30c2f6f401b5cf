import { fromDays, toDays } from './dates.ts'
import { generateIban, generateNir, nirKey } from './identifiers.ts'
import type { Random } from './random.ts'
import type { CollaboratorRecord, CompanyRecord, Country, Gender } from './types.ts'
import {
  bics,
  namesByCountry,
  nationalities,
  personalEmailDomains,
  placesByCountry,
  streetsByCountry,
} from './vocabulary.ts'

const phonePrefixByCountry: Record<Country, string> = { FR: '+33', ES: '+34', GB: '+44' }
const ninoLetters = ['A', 'B', 'C', 'E', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'T', 'W']
const OLDEST_BIRTH = toDays('1960-01-01')
const YOUNGEST_BIRTH = toDays('2005-12-31')

export interface PersonContext {
  random: Random
  company: CompanyRecord
  matriculeStyle: 'prefixed' | 'numeric'
  /** Homonyms get `jean.martin2@…`, so professional emails stay unique. */
  professionalEmailCounts: Map<string, number>
}

/** One person; manager, team and contracts are filled in by the caller. */
export function generateCollaborator(context: PersonContext, index: number): CollaboratorRecord {
  const { random, company } = context
  const country = company.country
  const names = namesByCountry[country]
  const gender = random.weighted<Gender | null>([
    ['female', 49],
    ['male', 49],
    ['other', 1],
    [null, 1],
  ])
  const isFemale = gender === 'female' || (gender !== 'male' && random.chance(0.5))
  const firstName = random.pick(isFemale ? names.female : names.male)
  const lastName = random.pick(names.last)
  const birthDate = random.chance(0.98) ? fromDays(random.int(OLDEST_BIRTH, YOUNGEST_BIRTH)) : null
  const nationality = country === 'FR' ? random.pick(nationalities) : country

  return {
    id: random.uuid(),
    matricule: random.chance(0.45) ? null : matricule(context.matriculeStyle, index),
    firstName,
    lastName,
    secondLastName: country === 'ES' ? random.pick(names.last) : null,
    birthName: isFemale && country === 'FR' && random.chance(0.15) ? random.pick(names.last) : null,
    birthDate,
    gender,
    emails: emails(context, firstName, lastName),
    phoneNumbers: random.chance(0.8)
      ? [{ phoneNumber: phoneNumber(random, country), type: 'personal' }]
      : [],
    addresses: random.chance(0.9) ? [address(random, country)] : [],
    managerId: null,
    teamName: null,
    nationality,
    countryOfBirth: random.chance(0.9) ? nationality : country,
    ...socialSecurity(random, country, isFemale, birthDate),
    iban: random.chance(0.9) ? generateIban(random, country) : null,
    bic: country === 'FR' ? random.pick(bics) : null,
    contracts: [],
  }
}

function matricule(style: 'prefixed' | 'numeric', index: number): string {
  return style === 'prefixed'
    ? `EMP-${String(index + 1).padStart(4, '0')}`
    : String(index + 1).padStart(5, '0')
}

function emails(
  context: PersonContext,
  firstName: string,
  lastName: string,
): CollaboratorRecord['emails'] {
  const { random } = context
  const local = `${slug(firstName)}.${slug(lastName)}`
  const list: CollaboratorRecord['emails'] = []
  if (random.chance(0.5)) {
    const seen = context.professionalEmailCounts.get(local) ?? 0
    context.professionalEmailCounts.set(local, seen + 1)
    const suffix = seen === 0 ? '' : String(seen + 1)
    list.push({ email: `${local}${suffix}@${context.company.domain}`, type: 'professional' })
  }
  if (random.chance(0.85)) {
    const suffix = String(random.int(1, 99))
    list.push({ email: `${local}${suffix}@${random.pick(personalEmailDomains)}`, type: 'personal' })
  }
  return list
}

function phoneNumber(random: Random, country: Country): string {
  if (country === 'GB') return `${phonePrefixByCountry.GB}7${random.digits(9)}`
  return `${phonePrefixByCountry[country]}${random.pick(['6', '7'])}${random.digits(8)}`
}

function address(random: Random, country: Country): CollaboratorRecord['addresses'][number] {
  const place = random.pick(placesByCountry[country])
  return {
    address: `${String(random.int(1, 180))} ${random.pick(streetsByCountry[country])}`,
    postcode: place.postcode,
    city: place.city,
    country,
    type: 'personal',
  }
}

function socialSecurity(
  random: Random,
  country: Country,
  isFemale: boolean,
  birthDate: string | null,
): Pick<CollaboratorRecord, 'socialSecurityNumber' | 'temporaryTechnicalNumber'> {
  if (country === 'ES') {
    return {
      socialSecurityNumber: `${random.digits(2)}/${random.digits(8)}/${random.digits(2)}`,
      temporaryTechnicalNumber: null,
    }
  }
  if (country === 'GB') {
    const prefix = random.pick(ninoLetters) + random.pick(ninoLetters)
    return {
      socialSecurityNumber: `${prefix}${random.digits(6)}${random.pick(['A', 'B', 'C', 'D'])}`,
      temporaryTechnicalNumber: null,
    }
  }
  const roll = random.next()
  if (birthDate === null || roll < 0.03) {
    return { socialSecurityNumber: null, temporaryTechnicalNumber: `8${random.digits(14)}` }
  }
  if (roll < 0.05) return { socialSecurityNumber: null, temporaryTechnicalNumber: null }
  return {
    socialSecurityNumber: generateNir(random, { sex: isFemale ? 2 : 1, birthDate }),
    temporaryTechnicalNumber: null,
  }
}

export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/**
 * Nobody starts work before 16: when a career begins too early for the drawn birth date, the
 * person is made older, and a French NIR is re-keyed to the new birth year and month.
 */
export function ageForCareer(random: Random, collaborator: CollaboratorRecord): void {
  const firstStart = collaborator.contracts.reduce<string | null>(
    (earliest, contract) =>
      earliest === null || contract.startDate < earliest ? contract.startDate : earliest,
    null,
  )
  if (firstStart === null || collaborator.birthDate === null) return
  const latestBirth = toDays(firstStart) - 18 * 365
  if (toDays(collaborator.birthDate) <= latestBirth) return
  const birthDate = fromDays(
    random.int(Math.max(OLDEST_BIRTH, latestBirth - 25 * 365), latestBirth),
  )
  collaborator.birthDate = birthDate
  const nir = collaborator.socialSecurityNumber
  if (nir !== null && nir.length === 15) {
    const first13 = `${nir.slice(0, 1)}${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${nir.slice(5, 13)}`
    collaborator.socialSecurityNumber = first13 + nirKey(first13)
  }
}
