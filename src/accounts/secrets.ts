import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** `prefix` + `length` base62 characters from the CSPRNG (5.95 bits each, no modulo bias). */
export function randomString(prefix: string, length: number): string {
  let out = prefix
  while (out.length < prefix.length + length) {
    for (const byte of randomBytes(length)) {
      // 248 = 4 × 62: bytes above it are dropped so every character is equally likely.
      if (byte < 248 && out.length < prefix.length + length) out += base62.charAt(byte % 62)
    }
  }
  return out
}

/**
 * Minted API keys and session tokens are 190-bit random strings, so a plain SHA-256 is the
 * right hash: there is no dictionary to slow down, and a slow KDF would only cost every
 * request. The one key we do not mint, the operator's `PASSERELLE_API_KEY`, must be at least
 * 32 characters (config.ts) so that its hash resists guessing as well.
 */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex')
}

export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8')
  const right = Buffer.from(b, 'utf8')
  return left.length === right.length && timingSafeEqual(left, right)
}
