import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { UnauthorizedError } from '../errors.ts'
import { openTemporaryStore } from '../../test/temp-store.ts'
import {
  connectSessionFor,
  createConnectSessionService,
  type ConnectSessionService,
} from './connect-sessions.ts'

let temporary: Awaited<ReturnType<typeof openTemporaryStore>>
let sessions: ConnectSessionService
let clock: number
const day = 24 * 60 * 60 * 1000

beforeEach(async () => {
  temporary = await openTemporaryStore()
  await temporary.store.projects.findOrCreate({ id: 'prj_test', name: 'test', createdAt: 'now' })
  clock = Date.parse('2027-01-01T09:00:00.000Z')
  sessions = createConnectSessionService(temporary.store, () => new Date(clock))
})

afterEach(async () => {
  await temporary.dispose()
})

function create(expiresInSeconds = 60) {
  return sessions.create(
    'prj_test',
    connectSessionFor({ originOwnerId: 'owner', originOwnerName: 'Owner', expiresInSeconds }),
  )
}

async function refusal(token: string): Promise<UnauthorizedError> {
  const error: unknown = await sessions.open(token).catch((caught: unknown) => caught)
  if (!(error instanceof UnauthorizedError)) throw new Error('the token was not refused')
  return error
}

describe('connect sessions', () => {
  it('refuse an unknown and an expired token with the same message', async () => {
    const { token } = await create()
    clock += 61_000

    const expired = await refusal(token)
    const unknown = await refusal('cst_neverIssued0000000000000000000')
    expect(unknown.message).toBe(expired.message)
    expect(unknown.providerResponse).toBe(expired.providerResponse)
  })

  it('delete sessions expired over a week ago when creating one, and keep the rest', async () => {
    const old = await create()
    const recent = await create((6 * day) / 1000)
    clock += 8 * day
    await create()

    clock -= 8 * day
    await expect(sessions.open(old.token)).rejects.toBeInstanceOf(UnauthorizedError)
    await expect(sessions.open(recent.token)).resolves.toMatchObject({ id: recent.session.id })
  })
})
