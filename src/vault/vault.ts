import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/*
 * Envelope: `v1.<keyId>.<nonce>.<ciphertext>.<tag>`, the last three base64url.
 * - AES-256-GCM with a random 96-bit nonce per value: at our volumes (a few writes per account)
 *   the birthday bound of random nonces is far away, and nothing has to track counters.
 * - The key id names the master key that sealed the value, so a rotation can add a new key,
 *   keep the old ones for opening, and re-seal rows at its own pace.
 * - The associated data (the account id) binds a ciphertext to its row: a value copied onto
 *   another account fails to open instead of lending that account someone else's key.
 */

const envelopeVersion = 'v1'
const nonceBytes = 12
const tagBytes = 16

export interface Vault {
  /** Id of the key new values are sealed with. */
  readonly currentKeyId: string
  /** Ids of every key this vault can open with. */
  readonly keyIds: readonly string[]
  seal(plaintext: string, associatedData: string): string
  open(envelope: string, associatedData: string): string
}

export class VaultError extends Error {
  override readonly name = 'VaultError'
}

/** A key id that names a key without revealing it: the first 8 bytes of its SHA-256. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256')
    .update('passerelle-vault-key-id')
    .update(key)
    .digest('hex')
    .slice(0, 16)
}

/** The id of the key that sealed an envelope, read without opening it. */
export function envelopeKeyId(envelope: string): string | undefined {
  const [version, keyId] = envelope.split('.', 2)
  return version === envelopeVersion && keyId !== undefined && keyId !== '' ? keyId : undefined
}

/** `keys[0]` seals; every key opens what it sealed. */
export function createVault(keys: Buffer[]): Vault {
  const [current] = keys
  if (current === undefined) throw new VaultError('The vault needs at least one key')
  const keysById = new Map<string, Buffer>()
  for (const key of keys) {
    if (key.length !== 32) throw new VaultError('Vault keys must be 32 bytes')
    keysById.set(keyIdOf(key), key)
  }
  const currentKeyId = keyIdOf(current)

  return {
    currentKeyId,
    keyIds: [...keysById.keys()],

    seal(plaintext, associatedData) {
      const nonce = randomBytes(nonceBytes)
      const cipher = createCipheriv('aes-256-gcm', current, nonce, { authTagLength: tagBytes })
      cipher.setAAD(Buffer.from(associatedData, 'utf8'))
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
      const tag = cipher.getAuthTag()
      return [envelopeVersion, currentKeyId, ...[nonce, ciphertext, tag].map(base64url)].join('.')
    },

    open(envelope, associatedData) {
      const parts = envelope.split('.')
      const [version, keyId, nonce, ciphertext, tag] = parts
      if (
        parts.length !== 5 ||
        version !== envelopeVersion ||
        keyId === undefined ||
        nonce === undefined ||
        ciphertext === undefined ||
        tag === undefined
      ) {
        throw new VaultError('Not a vault envelope')
      }
      const key = keysById.get(keyId)
      if (key === undefined) throw new VaultError(`No vault key with id ${keyId}`)

      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'), {
          authTagLength: tagBytes,
        })
        decipher.setAAD(Buffer.from(associatedData, 'utf8'))
        decipher.setAuthTag(Buffer.from(tag, 'base64url'))
        return Buffer.concat([
          decipher.update(Buffer.from(ciphertext, 'base64url')),
          decipher.final(),
        ]).toString('utf8')
      } catch (error) {
        throw new VaultError('The envelope does not open with its key and associated data', {
          cause: error,
        })
      }
    },
  }
}

function base64url(bytes: Buffer): string {
  return bytes.toString('base64url')
}
