import { afterEach, describe, expect, it } from 'vitest'

import { InvalidRequestError, ProviderError, ProviderSchemaError } from '../../errors.ts'
import { ScopeForbiddenError } from './client.ts'
import { keepable } from './reply-source.ts'
import {
  absenceBody,
  apiKey,
  clientFor,
  closeScriptedServers,
  endlessAbsencePages,
  json,
  memoryLogger,
  scripted,
  type Step,
} from './scripted-server.ts'

afterEach(closeScriptedServers)

/** A 200 whose body never ends: chunks keep coming until the client hangs up. */
const endlessBody: Step = (res) => {
  res.writeHead(200, { 'content-type': 'application/json' })
  res.write('{"id":"c1","name":"')
  const chunk = 'x'.repeat(16 * 1024)
  const more = () => {
    if (res.destroyed) return
    if (res.write(chunk)) setImmediate(more)
    else res.once('drain', more)
  }
  more()
}

describe('PayFit client replies', () => {
  it('turns a 200 that is not JSON into a ProviderSchemaError without retrying', async () => {
    const notJson: Step = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"id": "c1", ')
    }
    const server = await scripted([notJson])
    await expect(clientFor(server.url).getCompany('c1')).rejects.toBeInstanceOf(ProviderSchemaError)
    expect(server.seen).toHaveLength(1)
  })

  it('carries PayFit details on a 400, with the key scrubbed out', async () => {
    const server = await scripted([
      json(400, {
        code: 400,
        error: 'Bad request',
        details: `Field "type" is invalid for ${apiKey}`,
      }),
    ])
    const error = await clientFor(server.url)
      .createAbsence('c1', absenceBody)
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect((error as InvalidRequestError).message).toContain('Field "type" is invalid')
    expect(
      JSON.stringify({ ...(error as object), message: (error as Error).message }),
    ).not.toContain(apiKey)
  })

  it('names the scope PayFit says is missing', async () => {
    const server = await scripted([
      json(403, { code: 403, error: 'Forbidden action', details: 'Missing scope "time:read".' }),
    ])
    const error = await clientFor(server.url)
      .listAbsences('c1')
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ScopeForbiddenError)
    expect((error as ScopeForbiddenError).scope).toBe('time:read')
    expect((error as ScopeForbiddenError).statusCode).toBe(403)
  })

  it('stops paging with an error when PayFit repeats a page token', async () => {
    const page = (token: string) =>
      json(200, { absences: [], meta: { nextPageToken: token, count: 0 } })
    const server = await scripted([
      json(200, {
        absences: [{ id: 'a1', ...absenceBody, status: 'approved' }],
        meta: { nextPageToken: 't1' },
      }),
      json(200, {
        absences: [{ id: 'a2', ...absenceBody, status: 'approved' }],
        meta: { nextPageToken: 't1' },
      }),
      page('t2'),
    ])
    const client = clientFor(server.url)
    const ids: string[] = []
    const walk = async () => {
      for await (const { items } of client.pages((query) => client.listAbsences('c1', query))) {
        ids.push(...items.map((absence) => absence.id))
      }
    }
    await expect(walk()).rejects.toThrow(/page token it had already sent/)
    expect(ids).toEqual(['a1', 'a2'])
    expect(server.seen.map((request) => request.url)).toEqual([
      '/companies/c1/absences?maxResults=50',
      '/companies/c1/absences?maxResults=50&nextPageToken=t1',
    ])
  })

  it('sends the key only as a Bearer header and never records or logs it', async () => {
    const server = await scripted([
      json(503, { message: 'down' }),
      json(200, { active: true, scope: 'collaborators:read', company_id: 'c1' }),
    ])
    const { logger, lines } = memoryLogger()
    const client = clientFor(server.url, { logger, captureRaw: true })
    await expect(client.introspect()).resolves.toMatchObject({ company_id: 'c1' })
    expect(server.seen[1]).toMatchObject({
      method: 'POST',
      url: '/introspect',
      authorization: `Bearer ${apiKey}`,
      body: JSON.stringify({ token: apiKey }),
    })
    expect(client.rawCalls[0]).toEqual({
      method: 'POST',
      url: `${server.url}/introspect`,
      status: 503,
      response: { message: 'down' },
    })
    expect(client.rawCalls[1]).toMatchObject({ status: 200, response: { active: true } })
    expect(lines.some((line) => line.includes('payfit call retried'))).toBe(true)
    expect([...lines, JSON.stringify(client.rawCalls)].join('\n')).not.toContain(apiKey)
  })

  it('stops reading a JSON reply past its byte cap and does not retry it', async () => {
    const server = await scripted([endlessBody])
    const client = clientFor(server.url, {
      attemptTimeoutMs: 2_000,
      timeoutMs: 2_000,
      replyLimits: { json: 64 * 1024 },
    })
    const error = await client.getCompany('c1').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as Error).message).toMatch(/reply too large/)
    expect(server.seen).toHaveLength(1)
  })

  it('refuses a PDF whose announced length is past its byte cap', async () => {
    const pdf: Step = (res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' })
      res.end(Buffer.alloc(200_000, 0x25))
    }
    const server = await scripted([pdf])
    const client = clientFor(server.url, { replyLimits: { file: 100_000 } })
    const ref = { collaboratorId: 'e1', contractId: 'k1', payslipId: 'p1' }
    await expect(client.getPayslipPdf('c1', ref)).rejects.toThrow(/reply too large/)
    const small = clientFor(server.url, { replyLimits: { file: 300_000 } })
    await expect(small.getPayslipPdf('c1', ref)).resolves.toMatchObject({
      contentType: 'application/pdf',
    })
  })

  it('scrubs the key out of the replies it records for raw=true', async () => {
    const server = await scripted([
      json(503, { message: `token ${apiKey} is throttled` }),
      json(200, { id: 'c1', name: `Atelier ${apiKey}`, country: 'FR' }),
    ])
    const client = clientFor(server.url, { captureRaw: true })
    await client.getCompany('c1')
    expect(client.rawCalls).toHaveLength(2)
    expect(client.rawCalls[0]?.response).toEqual({ message: 'token [redacted] is throttled' })
    expect(JSON.stringify(client.rawCalls)).not.toContain(apiKey)
  })

  it('records the first 100 bodies for raw=true, and only the size of later ones', async () => {
    const server = await scripted([endlessAbsencePages(105)])
    const client = clientFor(server.url, { captureRaw: true })
    for await (const page of client.pages((query) => client.listAbsences('c1', query))) {
      expect(page.items).toHaveLength(1)
    }
    expect(client.rawCalls).toHaveLength(105)
    expect(client.rawCalls[99]?.response).toMatchObject({ absences: [{ id: 'a100' }] })
    expect(client.rawCalls[100]?.response).toEqual({
      content_type: expect.stringContaining('json') as unknown,
      size: expect.any(Number) as unknown,
    })
  })

  it('ends a walk that goes past its page cap with a ProviderError', async () => {
    const server = await scripted([endlessAbsencePages(30)])
    const client = clientFor(server.url, { maxPages: 5 })
    let pages = 0
    const walk = async () => {
      for await (const page of client.pages((query) => client.listAbsences('c1', query))) {
        pages += page.items.length
      }
    }
    await expect(walk()).rejects.toThrow(/more than 5 pages/)
    expect(pages).toBe(5)
    expect(server.seen).toHaveLength(5)
  })
  it('lets a list page be kept as its reply and parsed again, unless the reply carries the key', async () => {
    const collaborator = { id: 'u1', firstName: 'Léa', lastName: 'Roux', emails: null }
    const server = await scripted([
      json(200, { collaborators: [collaborator], meta: { nextPageToken: null } }),
      json(200, { collaborators: [{ ...collaborator, lastName: apiKey }], meta: {} }),
    ])
    const client = clientFor(server.url)
    const page = await client.listCollaborators('c1')
    const again = keepable(page)()
    expect(again).toEqual(page)
    expect(again).not.toBe(page)
    expect(again.items[0]?.emails).toEqual([])

    const echoing = await client.listCollaborators('c1')
    expect(echoing.items[0]?.lastName).toBe('[redacted]')
    expect(keepable(echoing)()).toBe(echoing)
  })
})
