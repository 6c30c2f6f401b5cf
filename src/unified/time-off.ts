import { z } from 'zod'

import { enumWrapperSchema, timeOffStatuses, timeOffTypes } from './enums.ts'
import { boolish, dateTime, text } from './primitives.ts'

/** `{ id, name }` records such as time off types and document categories. */
export const referenceSchema = z.object({
  id: text,
  remote_id: text,
  name: text,
  active: boolish,
})
export type Reference = z.infer<typeof referenceSchema>

/**
 * StackOne's `TimeOff`. `start_date` / `end_date` are plain strings in the SDK; we send the first
 * and last day of the absence at midnight UTC (`2025-08-04T00:00:00.000Z`), both inclusive.
 */
export const timeOffSchema = z.object({
  id: text,
  remote_id: text,
  employee_id: text,
  remote_employee_id: text,
  approver_id: text,
  remote_approver_id: text,
  status: enumWrapperSchema(timeOffStatuses).nullish(),
  type: enumWrapperSchema(timeOffTypes).nullish(),
  start_date: text,
  end_date: text,
  start_half_day: boolish,
  end_half_day: boolish,
  time_off_policy_id: text,
  remote_time_off_policy_id: text,
  reason: z.object({ id: text, remote_id: text, name: text }).nullish(),
  comment: text,
  duration: text,
  created_at: dateTime,
  updated_at: dateTime,
})
export type TimeOff = z.infer<typeof timeOffSchema>
