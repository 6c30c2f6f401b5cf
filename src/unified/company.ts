import { z } from 'zod'

import { countryCodes, enumWrapperSchema, locationTypes } from './enums.ts'
import { dateTime, freeObject, text } from './primitives.ts'

export const companySchema = z.object({
  id: text,
  remote_id: text,
  name: text,
  full_name: text,
  display_name: text,
  unified_custom_fields: freeObject,
  created_at: dateTime,
  updated_at: dateTime,
})
export type Company = z.infer<typeof companySchema>

/** StackOne's `HRISLocation`: a home or work address. */
export const locationSchema = z.object({
  id: text,
  remote_id: text,
  employee_id: text,
  remote_employee_id: text,
  name: text,
  phone_number: text,
  street_1: text,
  street_2: text,
  city: text,
  state: text,
  zip_code: text,
  country: enumWrapperSchema(countryCodes).nullish(),
  location_type: enumWrapperSchema(locationTypes).nullish(),
  unified_custom_fields: freeObject,
  created_at: dateTime,
  updated_at: dateTime,
})
export type Location = z.infer<typeof locationSchema>
