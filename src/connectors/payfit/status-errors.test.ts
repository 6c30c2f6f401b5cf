import { describe, expect, it } from 'vitest'

import { decodeJson, invalidJson } from './status-errors.ts'

const asIs = (text: string) => text
const encode = (text: string) => new TextEncoder().encode(text)

/** What decoding with a fresh TextDecoder, as the standard reads a body, would give. */
function standard(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown
  } catch {
    return invalidJson
  }
}

/** A JSON string literal around `inner`, as bytes: `{"name":"<inner>"}`. */
function inString(inner: Uint8Array): Uint8Array {
  const [before, after] = [encode('{"name":"'), encode('"}')]
  const bytes = new Uint8Array(before.length + inner.length + after.length)
  bytes.set(before)
  bytes.set(inner, before.length)
  bytes.set(after, before.length + inner.length)
  return bytes
}

describe("reading a PayFit reply's JSON", () => {
  it('reads accents, emoji and a leading byte order mark as the standard decoder does', () => {
    const text = '{"lastName":"Lefèvre-Œuvray","note":"🎉","city":"Saint-Étienne"}'
    const withMark = new Uint8Array([0xef, 0xbb, 0xbf, ...encode(text)])
    expect(decodeJson(encode(text), asIs)).toEqual(JSON.parse(text))
    expect(decodeJson(withMark, asIs)).toEqual(JSON.parse(text))
    expect(decodeJson(withMark.subarray(3, 20), asIs)).toBe(invalidJson)
    expect(decodeJson(new Uint8Array(), asIs)).toBeNull()
  })

  it('replaces malformed UTF-8 exactly as the standard decoder does', () => {
    let seed = 7
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed
    }
    for (let round = 0; round < 2000; round += 1) {
      const inner = Uint8Array.from({ length: 1 + (random() % 12) }, () => {
        const byte = random() % 256
        // Quotes, backslashes and control characters would end or break the literal.
        return byte === 0x22 || byte === 0x5c || byte < 0x20 ? 0x41 : byte
      })
      const bytes = inString(inner)
      expect(decodeJson(bytes, asIs)).toEqual(standard(bytes))
    }
  })

  it('reads a body that is a view into a larger buffer from its own first byte', () => {
    const whole = encode('xx{"id":"c-1"}yy')
    expect(decodeJson(whole.subarray(2, 14), asIs)).toEqual({ id: 'c-1' })
  })
})
