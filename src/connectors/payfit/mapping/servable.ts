import { expect } from 'vitest'
import type { z } from 'zod'

/** Valid for our schema with no key stripped, and for the official SDK's own parser. */
export function expectServable<T>(
  schema: z.ZodType<T>,
  sdk: { parse: (v: unknown) => unknown },
  value: T,
) {
  expect(schema.parse(value)).toEqual(value)
  expect(() => sdk.parse({ data: [value], next: null })).not.toThrow()
  return value
}
