import { z } from 'zod'

import { ProviderSchemaError } from '../../errors.ts'

/*
 * Every PayFit reply we read, as parsed at the client boundary (reference §9). Objects strip
 * keys they do not declare, so a new PayFit field never breaks a read. Enums are open: a value
 * PayFit adds later passes through as a string and the mapping reports it as `unmapped_value`.
 * Scope-gated fields may be omitted or null (§4.2), so both read as "not available" (`nullish`).
 */

const dateShape = /^\d{4}-\d{2}-\d{2}$/

/** A date-only value kept as `YYYY-MM-DD` text: it never becomes a `Date`. */
export const payfitDateSchema = z.string().regex(dateShape, 'expected a YYYY-MM-DD date')

function openEnum<const T extends readonly [string, ...string[]]>(known: T) {
  return z.union([z.enum(known), z.string()])
}

export const companyCountries = ['FR', 'ES', 'GB'] as const
export const contractStatuses = ['ACTIVE', 'ARCHIVED', 'PENDING'] as const
export const genders = ['male', 'female', 'other'] as const
export const emailTypes = ['professional', 'personal', 'unknown'] as const
export const absenceStatuses = [
  'approved',
  'pending_approval',
  'declined',
  'cancelled',
  'pending_cancellation',
] as const
export const absenceMoments = ['beginning-of-day', 'middle-of-day', 'end-of-day'] as const
export const payrollStatuses = ['completed', 'not_completed'] as const

export type PayfitContractStatus = (typeof contractStatuses)[number]
export type PayfitGender = (typeof genders)[number]
export type PayfitAbsenceStatus = (typeof absenceStatuses)[number]
export type PayfitAbsenceMoment = (typeof absenceMoments)[number]

export const payfitCompanySchema = z.object({
  id: z.string(),
  name: z.string(),
  country: openEnum(companyCountries),
  nbActiveContracts: z.number().int().nullish(),
  identificationNumber: z.string().nullish(),
  address: z.string().nullish(),
  city: z.string().nullish(),
  postalCode: z.string().nullish(),
})
export type PayfitCompany = z.infer<typeof payfitCompanySchema>

export const payfitCompanyFrSchema = payfitCompanySchema.extend({
  siren: z.string().nullish(),
  siret: z.string().nullish(),
  healthInsuranceProrationMethod: z.unknown().optional(),
})
export type PayfitCompanyFr = z.infer<typeof payfitCompanyFrSchema>

export const payfitPayrollStatusSchema = z.object({
  status: openEnum(payrollStatuses),
  executionEndDate: z.string().nullish(),
})
export type PayfitPayrollStatus = z.infer<typeof payfitPayrollStatusSchema>

const emailSchema = z.object({ email: z.string(), type: openEnum(emailTypes) })
const phoneNumberSchema = z.object({ phoneNumber: z.string(), type: z.string().nullish() })
const addressSchema = z.object({
  address: z.string().nullish(),
  postcode: z.string().nullish(),
  city: z.string().nullish(),
  country: z.string().nullish(),
  type: z.string().nullish(),
})

/** An absent or null list reads as empty: PayFit filters gated entries out of these (§4.2). */
function listOrEmpty<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((items) => items ?? [])
}

export const payfitCollaboratorContractSchema = z.object({
  id: z.string(),
  startDate: payfitDateSchema.nullish(),
  endDate: payfitDateSchema.nullish(),
  status: openEnum(contractStatuses),
})
export type PayfitCollaboratorContract = z.infer<typeof payfitCollaboratorContractSchema>

export const payfitCollaboratorSchema = z.object({
  id: z.string(),
  matricule: z.string().nullish(),
  firstName: z.string(),
  lastName: z.string(),
  secondLastName: z.string().nullish(),
  birthName: z.string().nullish(),
  birthDate: payfitDateSchema.nullish(),
  terminationDate: payfitDateSchema.nullish(),
  gender: openEnum(genders).nullish(),
  emails: listOrEmpty(emailSchema),
  phoneNumbers: listOrEmpty(phoneNumberSchema),
  addresses: listOrEmpty(addressSchema),
  managerId: z.string().nullish(),
  teamName: z.string().nullish(),
  nationality: z.string().nullish(),
  countryOfBirth: z.string().nullish(),
  socialSecurityNumber: z.string().nullish(),
  temporaryTechnicalNumber: z.string().nullish(),
  iban: z.string().nullish(),
  bic: z.string().nullish(),
  /** Omitted without `collaborators:contracts:read`; `[]` means "no contract". */
  contracts: z.array(payfitCollaboratorContractSchema).nullish(),
})
export type PayfitCollaborator = z.infer<typeof payfitCollaboratorSchema>

export const payfitContractSchema = z.object({
  contractId: z.string(),
  companyId: z.string(),
  collaboratorId: z.string(),
  jobName: z.string().nullish(),
  startDate: payfitDateSchema,
  endDate: payfitDateSchema.nullish(),
  probationEndDate: payfitDateSchema.nullish(),
  status: openEnum(contractStatuses),
  standardWeeklyHours: z.number().nullish(),
  fullTimeEquivalent: z.number().nullish(),
  isFullTime: z.boolean().nullish(),
  // Deprecated personal fields PayFit still sends on contract lists (§9.14).
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  birthName: z.string().nullish(),
  birthDate: payfitDateSchema.nullish(),
  contactEmail: z.string().nullish(),
  address: z.string().nullish(),
  city: z.string().nullish(),
  postalCode: z.string().nullish(),
})
export type PayfitContract = z.infer<typeof payfitContractSchema>

export const payfitContractFrSchema = payfitContractSchema.extend({
  natureContratDsn: z.string().nullish(),
  statutConventionnelDsn: z.string().nullish(),
  motifRuptureDeContratDsn: z.string().nullish(),
  idcc: z.string().nullish(),
  estCadreDirigeant: z.boolean().nullish(),
  healthInsuranceContractIds: z.array(z.string()).nullish(),
  providentFundContractIds: z.array(z.string()).nullish(),
  workingTimeModality: z.string().nullish(),
  numeroSecuriteSociale: z.string().nullish(),
  numeroTechniqueTemporaire: z.string().nullish(),
})
export type PayfitContractFr = z.infer<typeof payfitContractFrSchema>

export const payfitAbsenceBoundarySchema = z.object({
  date: payfitDateSchema,
  moment: openEnum(absenceMoments),
})
export type PayfitAbsenceBoundary = z.infer<typeof payfitAbsenceBoundarySchema>

export const payfitAbsenceSchema = z.object({
  id: z.string(),
  contractId: z.string(),
  type: z.string(),
  status: openEnum(absenceStatuses),
  startDate: payfitAbsenceBoundarySchema,
  endDate: payfitAbsenceBoundarySchema,
})
export type PayfitAbsence = z.infer<typeof payfitAbsenceSchema>

export const payfitPayslipSchema = z.object({
  year: z.string(),
  month: z.string(),
  contractId: z.string(),
  payslipId: z.string(),
  payslipUrl: z.string().nullish(),
})
export type PayfitPayslip = z.infer<typeof payfitPayslipSchema>

export const payfitPayslipListSchema = z.object({ payslips: z.array(payfitPayslipSchema) })
export type PayfitPayslipList = z.infer<typeof payfitPayslipListSchema>

/** `count` is the size of this page, not a grand total (§5). */
export const payfitPageMetaSchema = z.object({
  nextPageToken: z.string().nullish(),
  count: z.number().int().nullish(),
})
export type PayfitPageMeta = z.infer<typeof payfitPageMetaSchema>

export interface PayfitPage<T> {
  items: T[]
  nextPageToken: string | null
  count: number | null
}

/** The list envelope `{ <itemsKey>: [...], meta }`, reshaped into a `PayfitPage`. */
export function payfitPageSchema<T>(itemsKey: string, item: z.ZodType<T>) {
  const envelope = z.object({ meta: payfitPageMetaSchema.nullish() })
  const items = z.object({ [itemsKey]: z.array(item) })
  return z.intersection(envelope, items).transform((reply): PayfitPage<T> => ({
    items: reply[itemsKey] as T[],
    // An empty token ends the walk like a null one (§5: "stop when falsy").
    nextPageToken: reply.meta?.nextPageToken || null,
    count: reply.meta?.count ?? null,
  }))
}

export const payfitIntrospectionSchema = z.object({
  active: z.boolean(),
  scope: z.string().nullish(),
  company_id: z.string().nullish(),
  client_id: z.string().nullish(),
  token_type: z.string().nullish(),
})
export type PayfitIntrospection = z.infer<typeof payfitIntrospectionSchema>

export const payfitCreatedCollaboratorSchema = z.object({ collaboratorId: z.string() })
export type PayfitCreatedCollaborator = z.infer<typeof payfitCreatedCollaboratorSchema>

export const payfitCreatedAbsenceSchema = z.object({ id: z.string() })
export type PayfitCreatedAbsence = z.infer<typeof payfitCreatedAbsenceSchema>

/** `{code, error, details}` on 4xx (§6); the 429 gateway body only has `message` (§7). */
export const payfitErrorBodySchema = z.object({
  code: z.number().nullish(),
  error: z.string().nullish(),
  details: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
  message: z.string().nullish(),
})
export type PayfitErrorBody = z.infer<typeof payfitErrorBodySchema>

/** Parses one reply; drift becomes a `ProviderSchemaError` naming the first path that broke. */
export function parsePayfitReply<T>(schema: z.ZodType<T>, reply: unknown, what: string): T {
  const result = schema.safeParse(reply)
  if (result.success) return result.data

  const issue = result.error.issues[0]
  const path = issue === undefined ? '' : issue.path.map(String).join('.')
  const detail = issue === undefined ? 'unexpected shape' : issue.message
  throw new ProviderSchemaError(
    `PayFit sent an unexpected ${what} reply at "${path || '(root)'}": ${detail}`,
    path,
  )
}

/* What we send. Plain types: PayFit validates these, and its 400 comes back typed (§9.9–9.30). */

export interface PayfitPageQuery {
  maxResults?: number
  nextPageToken?: string
  /** Extra query parameters forwarded as is; the named ones above and below take precedence. */
  proxy?: Record<string, string>
}

export interface PayfitCollaboratorQuery extends PayfitPageQuery {
  email?: string
  includeInProgressContracts?: boolean
}

export interface PayfitContractQuery extends PayfitPageQuery {
  includeInProgressContracts?: boolean
}

export interface PayfitAbsenceQuery extends PayfitPageQuery {
  contractId?: string
  /** One status, several (joined with commas) or `all`; PayFit defaults to `approved` only. */
  status?: string | string[]
  beginDate?: string
  endDate?: string
}

export interface PayfitCollaboratorInput {
  firstName: string
  lastName: string
  personalEmail: string
  otherName?: string
  socialSecurityNumber?: string
  personalAddress?: {
    streetNumber: number
    addressFirstLine: string
    addressSecondLine?: string
    city: string
    state?: string
    postCode: string
    country: string
  }
  birthInformation?: { birthDate?: string; birthPlace?: string; birthCountry?: string }
  personalPhoneNumber?: string
  numberOfChildren?: number
  /** Upper case on input, unlike the lower-case `gender` PayFit reads back. */
  gender?: 'MALE' | 'FEMALE'
  inviteCollaborator?: boolean
}

export interface PayfitContractInput {
  jobTitle: string
  startDate: string
}

export interface PayfitAbsenceInput {
  contractId: string
  type: string
  startDate: PayfitAbsenceBoundary
  endDate: PayfitAbsenceBoundary
}
