import { z } from 'zod'

import {
  employmentContractTypes,
  employmentTypes,
  enumWrapperSchema,
  workTimeDurationUnits,
} from './enums.ts'
import { boolish, dateTime, freeObject, number, text } from './primitives.ts'

const employmentTypeWrapper = enumWrapperSchema(employmentTypes).nullish()
const contractTypeWrapper = enumWrapperSchema(employmentContractTypes).nullish()

/** StackOne's `Employment`, limited to the fields the provider's contracts can fill. */
export const employmentSchema = z.object({
  id: text,
  remote_id: text,
  employee_id: text,
  remote_employee_id: text,
  job_title: text,
  effective_date: dateTime,
  end_date: dateTime,
  start_date: dateTime,
  employment_type: employmentTypeWrapper,
  employment_contract_type: contractTypeWrapper,
  type: z.object({ id: text, remote_id: text, label: text, type: employmentTypeWrapper }).nullish(),
  contract_type: z
    .object({ id: text, remote_id: text, label: text, contract_type: contractTypeWrapper })
    .nullish(),
  work_time: z
    .object({
      duration: text.describe('ISO-8601 duration per unit, e.g. PT35H a week'),
      duration_unit: enumWrapperSchema(workTimeDurationUnits).nullish(),
    })
    .nullish(),
  payroll_code: text,
  fte: number,
  active: boolish,
  unified_custom_fields: freeObject,
  created_at: dateTime,
  updated_at: dateTime,
})
export type Employment = z.infer<typeof employmentSchema>
