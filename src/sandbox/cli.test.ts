import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { once } from 'node:events'
import { createServer, type AddressInfo } from 'node:net'
import { createInterface } from 'node:readline'

import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'

import { walk } from './test-client.ts'

const summarySchema = z.strictObject({
  url: z.string().startsWith('http://127.0.0.1:'),
  adminToken: z.string().min(20),
  companies: z.array(
    z.strictObject({
      id: z.string().regex(/^[0-9a-f]{24}$/),
      name: z.string(),
      country: z.enum(['FR', 'ES', 'GB']),
      keys: z.strictObject({
        full: z.string().min(40),
        guide: z.string().min(40),
        read_only: z.string().min(40),
        revoked: z.string().min(40),
      }),
    }),
  ),
})

const children: ChildProcessWithoutNullStreams[] = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

function startCli(args: string[]): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, ['bin/passerelle.js', 'sandbox', ...args], {
    cwd: process.cwd(),
    env: { ...process.env, PASSERELLE_FROM_SOURCES: '1' },
  })
  children.push(child)
  return child
}

async function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  const lines = createInterface({ input: child.stdout })
  const [line] = (await once(lines, 'line')) as [string]
  lines.close()
  return line
}

describe('passerelle sandbox', () => {
  it('prints one JSON line a client can walk, and stops cleanly on SIGTERM', async () => {
    const child = startCli(['--json', '--port', '0', '--employees', '50', '--countries', 'FR,GB'])
    const summary = summarySchema.parse(JSON.parse(await firstLine(child)))
    expect(summary.companies.map((c) => c.country)).toEqual(['FR', 'GB'])
    const company = summary.companies[0]
    if (company === undefined) throw new Error('no company')

    const { items } = await walk(
      summary,
      `/companies/${company.id}/collaborators`,
      company.keys.full,
      'collaborators',
      7,
    )
    expect(new Set(items.map((item) => item.id)).size).toBe(50)

    child.kill('SIGTERM')
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(0)
  })

  it('gives the same companies and keys for the same seed', async () => {
    const a = startCli(['--json', '--port', '0', '--employees', '5', '--seed', '9'])
    const b = startCli(['--json', '--port', '0', '--employees', '5', '--seed', '9'])
    const [lineA, lineB] = await Promise.all([firstLine(a), firstLine(b)])
    const strip = (line: string) => summarySchema.parse(JSON.parse(line)).companies
    expect(strip(lineA)).toEqual(strip(lineB))
  })

  it.each([
    [['--employees', 'many'], '--employees'],
    [['--countries', 'FR,DE'], '--countries'],
    [['--error-rate', '1.5'], '--error-rate'],
    [['--port', '70000'], '--port'],
  ])('exits 2 on %j and names the flag', async (args, flag) => {
    const child = startCli(args)
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(2)
    expect(stderr).toContain(flag)
  })

  it('lists every flag in --help', async () => {
    const child = startCli(['--help'])
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(0)
    for (const flag of [
      '--port',
      '--seed',
      '--employees',
      '--countries',
      '--latency-ms',
      '--json',
      '--error-rate',
      '--burst-429',
      '--repeat-page-token',
      '--faults-file',
    ]) {
      expect(stdout).toContain(flag)
    }
  })

  it('names the address when its port is taken, and how to choose another', async () => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const { port } = taken.address() as AddressInfo
    try {
      const child = startCli(['--port', String(port)])
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const [code] = (await once(child, 'exit')) as [number | null]
      expect(code).toBe(1)
      expect(stderr).toContain(`port ${String(port)} of 127.0.0.1 is already in use`)
      expect(stderr).toContain('--port')
    } finally {
      taken.close()
    }
  })
})
