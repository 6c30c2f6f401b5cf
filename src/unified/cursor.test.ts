import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import { InvalidRequestError } from '../errors.ts'
import { decodeCursor, encodeCursor, type CursorBinding } from './cursor.ts'

const binding: CursorBinding = { secret: 'test-secret', accountId: 'acc_1', purpose: 'employees' }
const state = { pageToken: 'eyJsaW1pdCI6MSwib2Zmc2V0IjoxfQ==', skip: 25 }

describe('next cursors', () => {
  it('round-trips the paging state for the same account and listing', () => {
    const cursor = encodeCursor(state, binding)

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    expect(decodeCursor(cursor, binding)).toEqual(state)
  })

  it('checks the decoded state against a schema when given one', () => {
    const cursor = encodeCursor(state, binding)
    const schema = z.object({ pageToken: z.string(), skip: z.number() })

    expect(decodeCursor(cursor, binding, schema)).toEqual(state)
    expect(() => decodeCursor(cursor, binding, z.object({ offset: z.number() }))).toThrow(
      InvalidRequestError,
    )
  })

  it('refuses a cursor whose payload was edited', () => {
    const [, mac] = encodeCursor(state, binding).split('.')
    const forged = Buffer.from(JSON.stringify({ v: 1, s: { ...state, skip: 0 } })).toString(
      'base64url',
    )

    expect(() => decodeCursor(`${forged}.${mac ?? ''}`, binding)).toThrow(InvalidRequestError)
  })

  it.each([
    ['another account', { ...binding, accountId: 'acc_2' }],
    ['another listing', { ...binding, purpose: 'time_off' }],
    ['another secret', { ...binding, secret: 'other-secret' }],
  ])('refuses a cursor minted for %s', (_label, other) => {
    expect(() => decodeCursor(encodeCursor(state, binding), other)).toThrow(InvalidRequestError)
  })

  it.each(['', 'garbage', 'a.b', 'a.b.c', '..', '%%%.***', 'x'.repeat(5000)])(
    'refuses the malformed cursor %#',
    (text) => {
      expect(() => decodeCursor(text, binding)).toThrow(InvalidRequestError)
    },
  )

  it('answers 400 for a bad cursor', () => {
    try {
      decodeCursor('garbage', binding)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidRequestError)
      expect((error as InvalidRequestError).statusCode).toBe(400)
    }
  })
})
