import { z } from 'zod'

import { InvalidRequestError } from '../errors.ts'

const maxProblemsNamed = 10

/** Parses a body or query, or throws a 400 naming every field that is wrong (the first ten). */
export function parseRequest<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: 'body' | 'query',
): z.infer<T> {
  const parsed = schema.safeParse(value ?? {})
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((issue) => {
    if (issue.path.length > 0) return `${issue.path.join('.')}: ${wordingOf(issue)}`
    if (issue.code !== 'invalid_type') return issue.message
    return where === 'body'
      ? 'the body must be a JSON object, sent as application/json'
      : 'the query must be key=value pairs'
  })
  // A long list with a wrong item in every place would otherwise make a message per item.
  const named = problems.slice(0, maxProblemsNamed)
  const more = problems.length - named.length
  const rest = more > 0 ? `; and ${String(more)} more` : ''
  throw new InvalidRequestError(`Invalid ${where}: ${named.join('; ')}${rest}`)
}

/** zod's words for a missing field ("expected string, received undefined") said plainly. */
function wordingOf(issue: z.core.$ZodIssue): string {
  return issue.code === 'invalid_type' && issue.message.endsWith('received undefined')
    ? 'is required'
    : issue.message
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
