import { z } from 'zod'

/*
 * What we read from StackOne's write bodies (stackone-contract §3.6). Keys are snake_case as on
 * the wire; every key is optional and nullable there, so requiredness is checked by the
 * connector, which knows what its provider needs and can name every missing field at once.
 * Keys we do not list are dropped when parsing: docs/writes.md says which ones are ignored.
 */

const text = z.string().nullish()

/** `{ value, source_value }`; a bare string where a wrapper belongs is refused like the SDK does. */
const wrapper = z
  .object({ value: z.string().nullish(), source_value: z.unknown().optional() })
  .nullish()

/** The SDK sends `true`/`false`, and its enum variant `"true"`/`"false"`. */
const flag = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .nullish()
  .transform((value) => value === true || value === 'true')

const nationalIdentityNumber = z.object({ value: text, type: wrapper, country: wrapper })

export const createEmployeeRequestSchema = z.object({
  first_name: text,
  last_name: text,
  personal_email: text,
  personal_phone_number: text,
  gender: wrapper,
  date_of_birth: text,
  birthday: text,
  national_identity_number: nationalIdentityNumber.nullish(),
  national_identity_numbers: z.array(nationalIdentityNumber).nullish(),
  home_location: z
    .object({
      street_1: text,
      street_2: text,
      city: text,
      zip_code: text,
      state: wrapper,
      country: wrapper,
    })
    .nullish(),
  passthrough: z.record(z.string(), z.unknown()).nullish(),
})
export type CreateEmployeeRequest = z.infer<typeof createEmployeeRequestSchema>

export const createEmploymentRequestSchema = z.object({
  job_title: text,
  effective_date: text,
  passthrough: z.record(z.string(), z.unknown()).nullish(),
})
export type CreateEmploymentRequest = z.infer<typeof createEmploymentRequestSchema>

export const createTimeOffRequestSchema = z.object({
  type: wrapper,
  time_off_policy_id: text,
  start_date: text,
  end_date: text,
  start_half_day: flag,
  end_half_day: flag,
  passthrough: z.record(z.string(), z.unknown()).nullish(),
})
export type CreateTimeOffRequest = z.infer<typeof createTimeOffRequestSchema>

/** The optional reason the provider keeps with a cancellation. */
export const cancelTimeOffRequestSchema = z.object({ comment: z.string().max(1000).nullish() })
