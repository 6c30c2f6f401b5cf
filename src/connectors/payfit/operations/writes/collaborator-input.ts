import { InvalidRequestError } from '../../../../errors.ts'
import { dateTimeToDate } from '../../../../unified/dates.ts'
import type { CreateEmployeeRequest } from '../../../../unified/writes.ts'
import type { PayfitCollaboratorInput } from '../../schemas.ts'

type Address = NonNullable<PayfitCollaboratorInput['personalAddress']>

/** The exact length PayFit accepts for a social security number, by company country (§9.9). */
const socialSecurityNumberLength: Readonly<Record<string, number>> = { FR: 15, ES: 14, GB: 12 }

const genderInput = { male: 'MALE', female: 'FEMALE' } as const
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const countryShape = /^[A-Z]{2}$/
const leadingStreetNumber = /^\s*(\d{1,6})\b[\s,]*(.*)$/

/**
 * A unified employee as PayFit's create-collaborator body (payfit-api §9.9). Throws one
 * `InvalidRequestError` naming every problem it finds (missing required fields, malformed
 * values), before anything is sent.
 */
export function employeeToCollaboratorInput(
  employee: CreateEmployeeRequest,
  companyCountry: string,
  today: string,
): PayfitCollaboratorInput {
  const problems: string[] = []
  const check = <T>(part: () => T): T | undefined => {
    try {
      return part()
    } catch (error) {
      if (!(error instanceof InvalidRequestError)) throw error
      problems.push(error.message)
      return undefined
    }
  }

  const firstName = filled(employee.first_name)
  const lastName = filled(employee.last_name)
  const personalEmail = filled(employee.personal_email)
  const missing = [
    firstName === undefined ? 'first_name' : null,
    lastName === undefined ? 'last_name' : null,
    personalEmail === undefined ? 'personal_email' : null,
  ].filter((field) => field !== null)
  if (missing.length > 0) {
    problems.push(
      `PayFit needs a first name, a last name and a personal email to create an employee; missing: ${missing.join(', ')}`,
    )
  }
  if (personalEmail !== undefined && !emailShape.test(personalEmail)) {
    problems.push('personal_email is not an email address')
  }
  const socialSecurityNumber = check(() => nationalIdentityNumber(employee, companyCountry))
  const location = employee.home_location
  const address =
    location == null ? undefined : check(() => personalAddress(location, companyCountry))
  const extras = check(() => passthroughExtras(employee.passthrough ?? {}))
  const birth = check(() => birthInformationOf(employee, today))
  if (
    problems.length > 0 ||
    firstName === undefined ||
    lastName === undefined ||
    personalEmail === undefined
  ) {
    throw new InvalidRequestError(problems.join('; '))
  }

  const input: PayfitCollaboratorInput = { firstName, lastName, personalEmail }
  if (socialSecurityNumber !== undefined) input.socialSecurityNumber = socialSecurityNumber
  if (address !== undefined) input.personalAddress = address
  const { birthInformation: birthExtras, ...others } = extras ?? {}
  Object.assign(input, others)
  const birthInformation = { ...birth, ...birthExtras }
  if (Object.keys(birthInformation).length > 0) input.birthInformation = birthInformation
  const phone = filled(employee.personal_phone_number)
  if (phone !== undefined) input.personalPhoneNumber = phone
  const gender = employee.gender?.value
  if (gender === 'male' || gender === 'female') input.gender = genderInput[gender]
  return input
}

function filled(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed === undefined || trimmed === '' ? undefined : trimmed
}

function nationalIdentityNumber(employee: CreateEmployeeRequest, country: string) {
  const number = filled(
    employee.national_identity_number?.value ?? employee.national_identity_numbers?.[0]?.value,
  )?.replace(/\s+/g, '')
  if (number === undefined) return undefined
  const length = socialSecurityNumberLength[country]
  if (length !== undefined && number.length !== length) {
    throw new InvalidRequestError(
      `national_identity_number must be ${String(length)} characters long for a company in ${country} (PayFit's rule); it has ${String(number.length)}`,
    )
  }
  return number
}

/**
 * PayFit wants the street number apart: it is read from the start of `street_1` ("12 rue de
 * la Paix" → 12, "rue de la Paix"). PayFit requires one, so an address without it is refused
 * rather than sent with an invented number.
 */
function personalAddress(
  location: NonNullable<CreateEmployeeRequest['home_location']>,
  companyCountry: string,
): Address {
  const street = filled(location.street_1)
  const city = filled(location.city)
  const postCode = filled(location.zip_code)
  const country = (filled(location.country?.value) ?? companyCountry).toUpperCase()
  const missing = [
    street === undefined ? 'home_location.street_1' : null,
    city === undefined ? 'home_location.city' : null,
    postCode === undefined ? 'home_location.zip_code' : null,
  ].filter((field) => field !== null)
  if (street === undefined || city === undefined || postCode === undefined) {
    throw new InvalidRequestError(
      `PayFit needs a full home address; missing: ${missing.join(', ')}`,
    )
  }
  const match = leadingStreetNumber.exec(street)
  const firstLine = match?.[2]?.trim() ?? ''
  if (match === null || firstLine === '') {
    throw new InvalidRequestError(
      'home_location.street_1 must start with the street number followed by the street (PayFit stores the number apart and requires it)',
    )
  }
  if (!countryShape.test(country)) {
    throw new InvalidRequestError('home_location.country must be an ISO 3166-1 alpha-2 code')
  }
  const address: Address = {
    streetNumber: Number(match[1]),
    addressFirstLine: firstLine,
    city,
    postCode,
    country,
  }
  const secondLine = filled(location.street_2)
  if (secondLine !== undefined) address.addressSecondLine = secondLine
  const state = filled(location.state?.value)
  if (state !== undefined) address.state = state
  return address
}

/** The birth date is the calendar day written in the string, never shifted by a time zone. */
function birthInformationOf(employee: CreateEmployeeRequest, today: string) {
  const written = filled(employee.date_of_birth ?? employee.birthday)
  if (written === undefined) return undefined
  const birthDate = dateTimeToDate(written)
  if (birthDate === null) {
    throw new InvalidRequestError('date_of_birth must be a YYYY-MM-DD date or an ISO date-time')
  }
  if (birthDate >= today) throw new InvalidRequestError('date_of_birth must be in the past')
  return { birthDate }
}

/** PayFit-only fields, in PayFit's words, under `passthrough` (docs/writes.md). */
function passthroughExtras(passthrough: Record<string, unknown>): Partial<PayfitCollaboratorInput> {
  const extras: Partial<PayfitCollaboratorInput> = {}
  const { otherName, birthPlace, birthCountry, numberOfChildren, inviteCollaborator } = passthrough
  if (typeof otherName === 'string' && otherName.trim() !== '') extras.otherName = otherName.trim()
  if (typeof numberOfChildren === 'number') {
    if (!Number.isInteger(numberOfChildren) || numberOfChildren < 0 || numberOfChildren > 20) {
      throw new InvalidRequestError('passthrough.numberOfChildren must be a whole number 0 to 20')
    }
    extras.numberOfChildren = numberOfChildren
  }
  if (typeof inviteCollaborator === 'boolean') extras.inviteCollaborator = inviteCollaborator
  const place = typeof birthPlace === 'string' ? filled(birthPlace) : undefined
  const country = typeof birthCountry === 'string' ? filled(birthCountry)?.toUpperCase() : undefined
  if (country !== undefined && !countryShape.test(country)) {
    throw new InvalidRequestError('passthrough.birthCountry must be an ISO 3166-1 alpha-2 code')
  }
  const birthInformation: NonNullable<PayfitCollaboratorInput['birthInformation']> = {}
  if (place !== undefined) birthInformation.birthPlace = place
  if (country !== undefined) birthInformation.birthCountry = country
  if (Object.keys(birthInformation).length > 0) extras.birthInformation = birthInformation
  return extras
}
