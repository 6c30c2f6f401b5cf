import { z } from 'zod'

import { InvalidRequestError } from '../errors.ts'

/** Parses a body or query, or throws a 400 naming the first field that is wrong. */
export function parseRequest<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: 'body' | 'query',
): z.infer<T> {
  const parsed = schema.safeParse(value ?? {})
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = issue === undefined || issue.path.length === 0 ? where : issue.path.join('.')
  throw new InvalidRequestError(`Invalid ${where}: ${field}: ${issue?.message ?? 'is not valid'}`)
}

export const httpUrlSchema = z.url({
  protocol: /^https?$/,
  error: 'must be an http:// or https:// URL',
})

/** Repeated query keys arrive as arrays, single ones as strings: both become arrays. */
export const queryListSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]))
  .optional()

/** Accepts `key[]=` as well as `key=` for list parameters. */
export function withoutArrayBrackets(query: unknown): Record<string, unknown> {
  if (typeof query !== 'object' || query === null) return {}
  return Object.fromEntries(
    Object.entries(query).map(([key, value]) => [key.replace(/\[\]$/, ''), value as unknown]),
  )
}
