import { z } from 'zod'

import { dateTimeSchema } from './primitives.ts'

/** One provider call made for a `raw=true` request; the request's credentials never appear. */
export const rawResponseSchema = z.object({
  method: z.string(),
  url: z.string(),
  body: z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.number())]).nullish(),
  response: z
    .union([z.record(z.string(), z.unknown()), z.array(z.unknown()), z.string()])
    .nullish(),
})
export type RawResponse = z.infer<typeof rawResponseSchema>

/** `next: null` on the last page: the SDK's iterator stops only on an empty cursor (§1.8). */
export function paginatedSchema<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    next: z.string().min(1).nullable(),
    raw: z.array(rawResponseSchema).optional(),
  })
}

export interface Paginated<T> {
  data: T[]
  next: string | null
  raw?: RawResponse[]
}

export function resultSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: item, raw: z.array(rawResponseSchema).optional() })
}

export interface Result<T> {
  data: T
  raw?: RawResponse[]
}

export const createResultSchema = z.object({
  statusCode: z.number().int(),
  message: z.string(),
  timestamp: dateTimeSchema,
  data: z.object({ id: z.string().nullish(), remote_id: z.string().nullish() }),
})
export type CreateResult = z.infer<typeof createResultSchema>

export const updateResultSchema = z.object({
  statusCode: z.number().int(),
  message: z.string(),
  timestamp: dateTimeSchema,
})
export type UpdateResult = z.infer<typeof updateResultSchema>

export const deleteResultSchema = updateResultSchema
export type DeleteResult = z.infer<typeof deleteResultSchema>
