import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { ConflictError } from '../errors.ts'
import { openTemporaryStore, seedAccount } from '../../test/temp-store.ts'
import type { PendingEmploymentRecords } from '../unified/write-operations.ts'
import { createPendingEmploymentRecords } from './pending-employments.ts'

let temporary: Awaited<ReturnType<typeof openTemporaryStore>>
let records: PendingEmploymentRecords
let clock: number
const wanted = {
  accountId: 'acc_test',
  employeeId: 'collaborator-1',
  jobTitle: 'Comptable',
  startDate: '2027-01-04',
}

beforeEach(async () => {
  temporary = await openTemporaryStore()
  await seedAccount(temporary.store)
  clock = Date.parse('2027-01-01T09:00:00.000Z')
  records = createPendingEmploymentRecords(
    temporary.store.pendingEmployments,
    () => new Date(clock),
  )
})

afterEach(async () => {
  await temporary.dispose()
})

describe('pending employment records', () => {
  it('refuse a second record for an employee while the first blocks, even when both race', async () => {
    const outcomes = await Promise.allSettled([records.add(wanted), records.add(wanted)])

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
    const refused = outcomes.find((outcome) => outcome.status === 'rejected')
    expect(refused?.reason).toBeInstanceOf(ConflictError)
    expect(await records.listForEmployee(wanted.accountId, wanted.employeeId)).toHaveLength(1)
  })

  it('accept a record for another employee meanwhile', async () => {
    await records.add(wanted)
    await expect(records.add({ ...wanted, employeeId: 'collaborator-2' })).resolves.toMatchObject({
      employeeId: 'collaborator-2',
    })
  })

  it('stop blocking once matched to the provider employment, forgotten, or an hour old', async () => {
    const first = await records.add(wanted)
    await records.update(wanted.accountId, first.id, { employmentId: 'contract-1' })
    const second = await records.add(wanted)

    await records.forget(wanted.accountId, second.id)
    const third = await records.add(wanted)
    await expect(records.add(wanted)).rejects.toBeInstanceOf(ConflictError)

    clock += 61 * 60 * 1000
    const fourth = await records.add(wanted)
    expect(new Set([first.id, third.id, fourth.id]).size).toBe(3)
  })

  it('keep blocking after a state change that matched nothing', async () => {
    const first = await records.add(wanted)
    await records.update(wanted.accountId, first.id, { state: 'unknown' })
    await expect(records.add(wanted)).rejects.toBeInstanceOf(ConflictError)
  })
})
