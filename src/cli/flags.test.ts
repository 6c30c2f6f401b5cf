import { describe, expect, it } from 'vitest'

import { UsageError, wholeNumber } from './flags.ts'

describe('wholeNumber', () => {
  it('answers the fallback when the flag is absent', () => {
    expect(wholeNumber(undefined, '--port', 4010, 0, 65535)).toBe(4010)
  })

  it('reads decimal digits within the bounds, the bounds included', () => {
    expect(wholeNumber('0', '--port', 4010, 0, 65535)).toBe(0)
    expect(wholeNumber('65535', '--port', 4010, 0, 65535)).toBe(65535)
  })

  it.each(['-1', '1.5', '1e3', '0x10', ' 8', '', '65536'])(
    'refuses "%s" as a usage error naming the flag and its range',
    (value) => {
      expect(() => wholeNumber(value, '--port', 4010, 0, 65535)).toThrow(UsageError)
      expect(() => wholeNumber(value, '--port', 4010, 0, 65535)).toThrow(
        `--port must be a whole number from 0 to 65535, not "${value}".`,
      )
    },
  )
})
