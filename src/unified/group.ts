import { z } from 'zod'

import { enumWrapperSchema, groupTypes } from './enums.ts'
import { freeObject, text, textList } from './primitives.ts'

/** StackOne's group shape, shared by groups, teams and departments. */
export const groupSchema = z.object({
  id: text,
  remote_id: text,
  name: text,
  company_id: text,
  remote_company_id: text,
  parent_ids: textList,
  remote_parent_ids: textList,
  owner_ids: textList,
  remote_owner_ids: textList,
  type: enumWrapperSchema(groupTypes).nullish(),
  unified_custom_fields: freeObject,
})
export type Group = z.infer<typeof groupSchema>
