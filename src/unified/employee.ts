import { z } from 'zod'

import { companySchema, locationSchema } from './company.ts'
import { employmentSchema } from './employment.ts'
import {
  countryCodes,
  employmentContractTypes,
  employmentStatuses,
  employmentTypes,
  enumWrapperSchema,
  genders,
  nationalIdTypes,
} from './enums.ts'
import { groupSchema } from './group.ts'
import { dateTime, freeObject, text } from './primitives.ts'

export const nationalIdentityNumberSchema = z.object({
  value: text,
  type: enumWrapperSchema(nationalIdTypes).nullish(),
  country: enumWrapperSchema(countryCodes).nullish(),
})
export type NationalIdentityNumber = z.infer<typeof nationalIdentityNumberSchema>

/** StackOne's `Employee`, limited to the fields the provider's data can fill. */
export const employeeSchema = z.object({
  id: text,
  remote_id: text,
  first_name: text,
  last_name: text,
  name: text,
  display_name: text,
  gender: enumWrapperSchema(genders).nullish(),
  date_of_birth: dateTime,
  personal_email: text,
  personal_phone_number: text,
  work_email: text,
  work_phone_number: text,
  job_title: text,
  company: companySchema.nullish(),
  company_id: text,
  company_name: text,
  manager_id: text,
  remote_manager_id: text,
  hire_date: dateTime,
  start_date: dateTime,
  termination_date: dateTime,
  employment_type: enumWrapperSchema(employmentTypes).nullish(),
  employment_contract_type: enumWrapperSchema(employmentContractTypes).nullish(),
  employment_status: enumWrapperSchema(employmentStatuses).nullish(),
  citizenships: z.array(enumWrapperSchema(countryCodes)).nullish(),
  home_location: locationSchema.nullish(),
  work_location: locationSchema.nullish(),
  employments: z.array(employmentSchema).nullish(),
  employee_number: text,
  national_identity_number: nationalIdentityNumberSchema.nullish(),
  national_identity_numbers: z.array(nationalIdentityNumberSchema).nullish(),
  groups: z.array(groupSchema).nullish(),
  unified_custom_fields: freeObject,
  created_at: dateTime,
  updated_at: dateTime,
})
export type Employee = z.infer<typeof employeeSchema>
