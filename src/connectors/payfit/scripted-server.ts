import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { createLogger } from '../../log.ts'
import { createPayfitClient, type PayfitClientOptions } from './client.ts'

/*
 * Test support: edge cases the sandbox cannot stage on demand (a hung socket, a cut body, exact
 * headers, a body that never ends) served by a scripted HTTP server on loopback.
 */

export const apiKey = 'pk_test_0123456789abcdefghijklmnopqrstuvwxyz'

export interface Seen {
  method: string
  url: string
  authorization: string | undefined
  body: string
}

export type Step = (res: ServerResponse, req: IncomingMessage) => void

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Step =>
  (res) => {
    sendJson(res, status, body, headers)
  }

export const hang: Step = () => undefined

const open: (() => Promise<void>)[] = []

/** Closes every scripted server still listening (call it after each test). */
export async function closeScriptedServers(): Promise<void> {
  await Promise.all(open.splice(0).map((close) => close()))
}

/** Answers the n-th request with the n-th step (the last step repeats). */
export async function scripted(steps: Step[]) {
  const seen: Seen[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        body,
      })
      const step = steps[Math.min(seen.length, steps.length) - 1]
      step?.(res, req)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`
  open.push(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve()
      })
    })
  })
  return { url, seen }
}

export function memoryLogger() {
  const lines: string[] = []
  const logger = createLogger({
    level: 'debug',
    destination: { write: (line) => lines.push(line) },
  })
  return { logger, lines }
}

export function clientFor(url: string, extra: Partial<PayfitClientOptions> = {}) {
  return createPayfitClient({
    apiUrl: url,
    oauthUrl: url,
    apiKey,
    logger: createLogger({ level: 'silent' }),
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: 5_000,
    ...extra,
  })
}

export const company = { id: 'c1', name: 'Atelier', country: 'FR' }

export const absenceBody = {
  contractId: 'k1',
  type: 'fr_rtt',
  startDate: { date: '2025-09-12', moment: 'beginning-of-day' },
  endDate: { date: '2025-09-12', moment: 'end-of-day' },
}

/** An absence page whose `nextPageToken` is always new: `t1`, `t2`… until `last`, then none. */
export function endlessAbsencePages(last: number): Step {
  let served = 0
  return (res) => {
    served += 1
    const nextPageToken = served < last ? `t${String(served)}` : null
    sendJson(res, 200, {
      absences: [{ id: `a${String(served)}`, ...absenceBody, status: 'approved' }],
      meta: { nextPageToken },
    })
  }
}
