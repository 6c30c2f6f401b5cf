import { z } from 'zod'

/*
 * Building blocks of the entity schemas. In StackOne's HRIS entities every field is optional
 * and nullable (stackone-contract §3.4), so each helper already ends in `.nullish()`.
 */

export const text = z.string().nullish()

/** An ISO-8601 date-time with an offset: what the SDK's `z.string().datetime({offset})` takes. */
export const dateTimeSchema = z.iso.datetime({ offset: true })
export const dateTime = dateTimeSchema.nullish()

/** Booleans the SDK also accepts as `"true"` / `"false"`; we always send real booleans. */
export const boolish = z.union([z.boolean(), z.enum(['true', 'false'])]).nullish()

export const number = z.number().nullish()

export const textList = z.array(z.string()).nullish()

export const freeObject = z.record(z.string(), z.unknown()).nullish()
