import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSandbox, type RunningSandbox, type SandboxCompany } from '../../sandbox/index.ts'
import { link } from '../../../test/conformance/fixture.ts'
import { basicAuth, startTestHub, type TestHub } from '../../../test/harness.ts'

/*
 * A loopback proxy in front of the sandbox that answers payslip PDFs with whatever content type
 * the test sets, as a misbehaving provider (or one serving hostile HTML) would.
 */
let sandbox: RunningSandbox
let proxy: Server
let hub: TestHub
let accountId: string
let servedType = 'application/pdf'

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 3, employees: 5 })
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      void forward(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks)).then(
        ({ status, headers, body }) => {
          res.writeHead(status, headers)
          res.end(body)
        },
        () => {
          res.writeHead(502).end()
        },
      )
    })
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const proxyUrl = `http://127.0.0.1:${String((proxy.address() as AddressInfo).port)}`
  hub = await startTestHub({ payfitUrl: proxyUrl })
  accountId = await link(hub, 'owner-download', (sandbox.companies[0] as SandboxCompany).keys.full)
})

afterAll(async () => {
  await hub.close()
  proxy.closeAllConnections()
  await new Promise<void>((resolve) => {
    proxy.close(() => {
      resolve()
    })
  })
  await sandbox.close()
})

async function forward(
  method: string,
  url: string,
  incoming: Record<string, string | string[] | undefined>,
  body: Buffer,
) {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(incoming)) {
    if (typeof value === 'string' && name !== 'host' && name !== 'connection') headers[name] = value
  }
  const response = await fetch(new URL(url, sandbox.url), {
    method,
    headers,
    body: body.byteLength === 0 ? undefined : body.toString('utf8'),
  })
  const isPdf = /\/payslips\/[^/]+$/.test(new URL(url, sandbox.url).pathname)
  return {
    status: response.status,
    headers: { 'content-type': isPdf ? servedType : (response.headers.get('content-type') ?? '') },
    body: Buffer.from(await response.arrayBuffer()),
  }
}

async function unified(path: string): Promise<Response> {
  return fetch(`${hub.url}/unified/hris${path}`, {
    headers: { authorization: basicAuth(hub.apiKey), 'x-account-id': accountId },
  })
}

async function downloadAs(type: string): Promise<Response> {
  servedType = type
  const employees = (await (await unified('/employees?page_size=5')).json()) as {
    data: { id: string }[]
  }
  for (const { id } of employees.data) {
    const documents = (await (await unified(`/employees/${id}/documents`)).json()) as {
      data: { id: string }[]
    }
    const [first] = documents.data
    if (first !== undefined) return unified(`/employees/${id}/documents/${first.id}/download`)
  }
  throw new Error('no employee of the sandbox has a payslip')
}

describe('the content type of a downloaded document', () => {
  it('passes a PDF through as application/pdf', async () => {
    const response = await downloadAs('application/pdf')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
  })

  it('passes an image type through', async () => {
    const response = await downloadAs('image/png')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
  })

  it('serves any other type the provider sends as application/octet-stream', async () => {
    for (const type of ['text/html; charset=utf-8', 'image/svg+xml', 'application/javascript']) {
      const response = await downloadAs(type)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('application/octet-stream')
      await response.arrayBuffer()
    }
  })
})
