import { z } from 'zod'

/*
 * The `value` lists of StackOne's HRIS enums that Passerelle serves (stackone-contract §3.5).
 * On the wire every enum is an open wrapper `{ value, source_value }`; our schemas are stricter
 * than the SDK and only accept these lists, so a typo in a mapping table fails a test.
 */

export const unmappedValue = 'unmapped_value'

export const genders = [
  'male',
  'female',
  'non_binary',
  'other',
  'not_disclosed',
  'diverse',
  unmappedValue,
] as const

export const employmentStatuses = [
  'active',
  'pending',
  'terminated',
  'leave',
  'inactive',
  'unknown',
  unmappedValue,
] as const

export const employmentTypes = [
  'contractor',
  'intern',
  'permanent',
  'apprentice',
  'freelance',
  'terminated',
  'temporary',
  'seasonal',
  'volunteer',
  'probation',
  'internal',
  'external',
  'expatriate',
  'employer_of_record',
  'casual',
  'Programme',
  unmappedValue,
] as const

export const employmentContractTypes = ['full_time', 'shifts', 'part_time', unmappedValue] as const

export const timeOffStatuses = [
  'approved',
  'cancelled',
  'rejected',
  'pending',
  'deleted',
  'draft',
  unmappedValue,
] as const

export const timeOffTypes = [
  'sick',
  unmappedValue,
  'vacation',
  'long_term_disability',
  'short_term_disability',
  'absent',
  'comp_time',
  'training',
  'annual_leave',
  'leave_of_absence',
  'break',
  'child_care_leave',
  'maternity_leave',
  'jury_duty',
  'sabbatical',
  'accident',
  'paid',
  'unpaid',
  'holiday',
  'personal',
  'in_lieu',
  'bereavement',
  'other',
] as const

export const documentCategories = [
  'application',
  'academic',
  'contract',
  'certificates',
  'visa',
  'passport',
  'driver_license',
  'payslip',
  'payroll',
  'appraisal',
  'resume',
  'policy',
  'cover_letter',
  'offer_letter',
  'policy_agreement',
  'home_address',
  'national_id',
  'confidential',
  'signed',
  'shared',
  'other',
  'benefit',
  'id_verification',
  'background_check',
  unmappedValue,
] as const

/** The subset of StackOne's 130-odd national id types the provider's countries can produce. */
export const nationalIdTypes = [
  'nir',
  'insee',
  'nin',
  'nss',
  'other',
  'unknown',
  unmappedValue,
] as const

export const workEligibilityTypes = [
  'visa',
  'passport',
  'driver_license',
  'birth_certificate',
  'other',
  unmappedValue,
] as const

export const locationTypes = ['home', 'work', unmappedValue] as const

export const groupTypes = [
  'workspace',
  'team',
  'department',
  'group',
  'organization',
  unmappedValue,
  'cost_center',
] as const

export const workTimeDurationUnits = ['day', 'week', 'month', 'year', unmappedValue] as const

/** File formats we serve; the SDK's list has 1,210 extensions and is open anyway. */
export const fileFormats = ['pdf', unmappedValue] as const

/** ISO 3166-1 alpha-2, the 248 codes of the SDK's country enum, plus `unmapped_value`. */
export const countryCodes: readonly string[] = [
  'AF AL DZ AS AD AO AI AQ AG AR AM AW AU AT AZ BS BH BD BB BY BE BZ BJ BM BT BO BQ BA BW BV BR IO',
  'BN BG BF BI KH CM CA CV KY CF TD CL CN CX CC CO KM CG CD CK CR HR CU CW CY CZ CI DK DJ DM DO EC',
  'EG SV GQ ER EE ET FK FO FJ FI FR GF PF TF GA GM GE DE GH GI GR GL GD GP GU GT GG GN GW GY HT HM',
  'VA HN HK HU IS IN ID IR IQ IE IM IL IT JM JP JE JO KZ KE KI KP KR KW KG LA LV LB LS LR LY LI LT',
  'LU MO MK MG MW MY MV ML MT MH MQ MR MU YT MX FM MD MC MN ME MS MA MZ MM NA NR NP NL NC NZ NI NE',
  'NG NU NF MP NO OM PK PW PS PA PG PY PE PH PN PL PT PR QA RO RU RW RE BL SH KN LC MF PM VC WS SM',
  'ST SA SN RS SC SL SG SX SK SI SB SO ZA GS SS ES LK SD SR SJ SZ SE CH SY TW TJ TZ TH TL TG TK TO',
  'TT TN TR TM TC TV UG UA AE GB US UM UY UZ VU VE VN VG VI WF EH YE ZM ZW',
]
  .join(' ')
  .split(' ')
  .concat(unmappedValue)

const countryCodeSet = new Set(countryCodes)

export function isCountryCode(text: string): boolean {
  return text !== unmappedValue && countryCodeSet.has(text)
}

export type Gender = (typeof genders)[number]
export type EmploymentStatus = (typeof employmentStatuses)[number]
export type EmploymentType = (typeof employmentTypes)[number]
export type EmploymentContractType = (typeof employmentContractTypes)[number]
export type TimeOffStatus = (typeof timeOffStatuses)[number]
export type TimeOffType = (typeof timeOffTypes)[number]
export type DocumentCategory = (typeof documentCategories)[number]
export type NationalIdType = (typeof nationalIdTypes)[number]
export type WorkEligibilityType = (typeof workEligibilityTypes)[number]
export type LocationType = (typeof locationTypes)[number]
export type GroupType = (typeof groupTypes)[number]
export type WorkTimeDurationUnit = (typeof workTimeDurationUnits)[number]
export type FileFormat = (typeof fileFormats)[number]

export const sourceValueSchema = z
  .union([
    z.string(),
    z.number(),
    z.boolean(),
    z.record(z.string(), z.unknown()),
    z.array(z.unknown()),
  ])
  .nullish()
export type SourceValue = string | number | boolean

/** `{ value, source_value }`, the only shape in which StackOne sends an enumerated attribute. */
export function enumWrapperSchema(values: readonly string[]) {
  const known = new Set(values)
  return z.object({
    value: z
      .string()
      .refine((value) => known.has(value), { error: 'not a value of this enum' })
      .nullish(),
    source_value: sourceValueSchema,
  })
}

export interface EnumWrapper<V extends string> {
  value: V | typeof unmappedValue
  source_value: SourceValue
}

/**
 * Maps a provider value through `mapping`; a value the table does not know keeps its source
 * as `unmapped_value`. A missing source (absent, or hidden for lack of scope) maps to null.
 */
export function openEnum<V extends string>(
  mapping: Readonly<Record<string, V>>,
  sourceValue: SourceValue | null | undefined,
): EnumWrapper<V> | null {
  if (sourceValue === null || sourceValue === undefined) return null

  const key = String(sourceValue)
  const value = Object.hasOwn(mapping, key) ? mapping[key] : undefined
  return { value: value ?? unmappedValue, source_value: sourceValue }
}

/** A country code or name from the provider as a country wrapper (`FR`, `fr`, `France`). */
export function countryEnum(sourceValue: string | null | undefined): EnumWrapper<string> | null {
  if (sourceValue === null || sourceValue === undefined || sourceValue.trim() === '') return null

  const normalized = sourceValue.trim().toUpperCase()
  const code = isCountryCode(normalized) ? normalized : countryCodeByName[normalized]
  return { value: code ?? unmappedValue, source_value: sourceValue }
}

/** Country names the provider was seen to send instead of codes (older addresses: "France"). */
const countryCodeByName: Readonly<Record<string, string>> = {
  FRANCE: 'FR',
  SPAIN: 'ES',
  ESPAÑA: 'ES',
  ESPAGNE: 'ES',
  'UNITED KINGDOM': 'GB',
  'ROYAUME-UNI': 'GB',
  UK: 'GB',
}
