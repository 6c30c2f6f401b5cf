import { randomBytes } from 'node:crypto'

import { describe, expect, it } from 'vitest'

import { createVault, keyIdOf, VaultError } from './vault.ts'

const secret = JSON.stringify({ api_key: 'pk_live_very_secret_value' })

describe('vault', () => {
  it('opens what it sealed with the same associated data', () => {
    const vault = createVault([randomBytes(32)])
    expect(vault.open(vault.seal(secret, 'acc_1'), 'acc_1')).toBe(secret)
  })

  it('never returns the plaintext inside the envelope', () => {
    const envelope = createVault([randomBytes(32)]).seal(secret, 'acc_1')
    expect(envelope).not.toContain('very_secret')
    expect(Buffer.from(envelope.split('.')[3] ?? '', 'base64url').toString()).not.toContain(
      'secret',
    )
  })

  it('uses a fresh nonce for every value', () => {
    const vault = createVault([randomBytes(32)])
    expect(vault.seal(secret, 'acc_1')).not.toBe(vault.seal(secret, 'acc_1'))
  })

  it('refuses to open an envelope under another account id', () => {
    const vault = createVault([randomBytes(32)])
    const envelope = vault.seal(secret, 'acc_1')
    expect(() => vault.open(envelope, 'acc_2')).toThrow(VaultError)
  })

  it('refuses a tampered ciphertext', () => {
    const vault = createVault([randomBytes(32)])
    const parts = vault.seal(secret, 'acc_1').split('.')
    const ciphertext = Buffer.from(parts[3] ?? '', 'base64url')
    ciphertext[0] = (ciphertext[0] ?? 0) ^ 1
    parts[3] = ciphertext.toString('base64url')
    expect(() => vault.open(parts.join('.'), 'acc_1')).toThrow(VaultError)
  })

  it('stores the sealing key id in the envelope', () => {
    const key = randomBytes(32)
    const envelope = createVault([key]).seal(secret, 'acc_1')
    expect(envelope.split('.').slice(0, 2)).toEqual(['v1', keyIdOf(key)])
  })

  it('opens values sealed with an older key after a new key is put first', () => {
    const oldKey = randomBytes(32)
    const envelope = createVault([oldKey]).seal(secret, 'acc_1')
    const rotated = createVault([randomBytes(32), oldKey])
    expect(rotated.open(envelope, 'acc_1')).toBe(secret)
    expect(rotated.seal(secret, 'acc_1').split('.')[1]).toBe(rotated.currentKeyId)
    expect(rotated.currentKeyId).not.toBe(keyIdOf(oldKey))
  })

  it('says which key is missing when an envelope names an unknown key', () => {
    const envelope = createVault([randomBytes(32)]).seal(secret, 'acc_1')
    expect(() => createVault([randomBytes(32)]).open(envelope, 'acc_1')).toThrow(/No vault key/)
  })
})
