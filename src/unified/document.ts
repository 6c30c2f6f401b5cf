import { z } from 'zod'

import {
  countryCodes,
  documentCategories,
  enumWrapperSchema,
  fileFormats,
  workEligibilityTypes,
} from './enums.ts'
import { dateTime, freeObject, text } from './primitives.ts'

const fileFormat = enumWrapperSchema(fileFormats).nullish()

/** StackOne's `HrisDocumentApiModel`; `remote_url` is where our API serves the bytes. */
export const documentSchema = z.object({
  id: text,
  remote_id: text,
  name: text,
  category_id: text,
  remote_url: text,
  type: enumWrapperSchema(documentCategories).nullish(),
  category: enumWrapperSchema(documentCategories).nullish(),
  file_format: fileFormat,
  contents: z.array(z.record(z.string(), z.unknown())).nullish(),
  unified_custom_fields: freeObject,
  created_at: dateTime,
  updated_at: dateTime,
})
export type Document = z.infer<typeof documentSchema>

export const workEligibilitySchema = z.object({
  id: text,
  remote_id: text,
  number: text,
  sub_type: text,
  type: enumWrapperSchema(workEligibilityTypes).nullish(),
  issued_by: enumWrapperSchema(countryCodes).nullish(),
  valid_from: dateTime,
  valid_to: dateTime,
})
export type WorkEligibility = z.infer<typeof workEligibilitySchema>
