import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { ConflictError, ForbiddenError } from '../errors.ts'
import { openTemporaryStore, seedAccount } from '../../test/temp-store.ts'
import { createIdempotency, type Idempotency, type WriteReply } from './idempotency.ts'

let temporary: Awaited<ReturnType<typeof openTemporaryStore>>
let idempotency: Idempotency
let clock: number
const write = { projectId: 'prj_test', accountId: 'acc_test', key: 'key-1', fingerprint: 'POST /x' }

beforeEach(async () => {
  temporary = await openTemporaryStore()
  await seedAccount(temporary.store)
  clock = Date.parse('2027-01-01T09:00:00.000Z')
  idempotency = createIdempotency(temporary.store.idempotencyKeys, () => new Date(clock), {
    leaseMs: 1_000,
  })
})

afterEach(async () => {
  await temporary.dispose()
})

/** Starts a write under the key that holds until `finish` is called; resolves once it runs. */
async function heldWrite(outcome: () => WriteReply) {
  const held = signal()
  const running = signal()
  const result = idempotency.run(write, async () => {
    running.fire()
    await held.promise
    return outcome()
  })
  await running.promise
  return { finish: held.fire, result }
}

function signal(): { promise: Promise<void>; fire: () => void } {
  let fire: () => void = () => undefined
  const promise = new Promise<void>((resolve) => {
    fire = resolve
  })
  return { promise, fire }
}

function created(id: string): WriteReply {
  return { statusCode: 201, body: { id } }
}

describe('idempotency leases', () => {
  it('keep the answer of the request that took over when the first finishes late', async () => {
    const first = await heldWrite(() => created('first'))
    clock += 2_000
    const second = await idempotency.run(write, (options) => {
      expect(options.reconcile).toBe(true)
      return Promise.resolve(created('second'))
    })
    expect(second.reply.body).toEqual({ id: 'second' })

    first.finish()
    expect((await first.result).reply.body).toEqual({ id: 'first' })
    const replay = await idempotency.run(write, () => Promise.resolve(created('third')))
    expect(replay).toEqual({ reply: created('second'), replayed: true })
  })

  it('leave the successor holding the key when the first fails late', async () => {
    const first = await heldWrite(() => {
      throw new ForbiddenError('the provider refused the scope')
    })
    clock += 2_000
    const second = await heldWrite(() => created('second'))

    first.finish()
    await expect(first.result).rejects.toBeInstanceOf(ForbiddenError)
    await expect(
      idempotency.run(write, () => Promise.resolve(created('third'))),
    ).rejects.toBeInstanceOf(ConflictError)

    second.finish()
    expect((await second.result).reply.body).toEqual({ id: 'second' })
  })
})
