import { afterEach, describe, expect, it } from 'vitest'

import { ProviderTimeoutError } from '../../../errors.ts'
import { createLogger } from '../../../log.ts'
import { createPayfitConnector } from '../index.ts'
import {
  apiKey,
  closeScriptedServers,
  endlessAbsencePages,
  scripted,
  type Step,
} from '../scripted-server.ts'

afterEach(closeScriptedServers)

/** Answers each request with `step` after `delayMs`, as a slow PayFit would. */
function slowly(step: Step, delayMs: number): Step {
  return (res, req) => {
    setTimeout(() => {
      step(res, req)
    }, delayMs)
  }
}

function sessionOn(url: string, requestTimeoutMs: number) {
  const connector = createPayfitConnector(
    { urls: { api: url, oauth: url }, logger: createLogger({ level: 'silent' }), timeoutMs: 5_000 },
    { requestTimeoutMs },
  )
  const account = { id: 'acc1', externalId: 'c1', country: 'FR', credentials: { api_key: apiKey } }
  const hris = connector.hris
  if (hris === undefined) throw new Error('the PayFit connector has no unified API')
  return hris.open(account, { captureRaw: true, proxy: {}, today: '2026-06-15' })
}

describe('the whole-request deadline of a unified session', () => {
  it('ends a walk of many slow PayFit pages when the request runs out of time', async () => {
    const server = await scripted([slowly(endlessAbsencePages(40), 50)])
    const session = sessionOn(server.url, 300)
    const error = await session.getTimeOffRequest('missing').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProviderTimeoutError)
    expect(server.seen.length).toBeGreaterThan(0)
    expect(server.seen.length).toBeLessThan(40)
  })
})
