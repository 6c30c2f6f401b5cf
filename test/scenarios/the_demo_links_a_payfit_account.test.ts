import fs from 'node:fs'

import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'

import { killCliChildren, runCli, waitForLine } from '../cli.ts'
import { basicAuth } from '../harness.ts'

const keysSchema = z.object({
  full: z.string(),
  guide: z.string(),
  read_only: z.string(),
  revoked: z.string(),
})

const demoLineSchema = z.strictObject({
  hub_url: z.url(),
  api_key: z.string().min(16),
  link_url: z.url(),
  data_dir: z.string(),
  sandbox: z.object({
    url: z.url(),
    companies: z.array(z.object({ id: z.string(), name: z.string(), keys: keysSchema })).min(1),
  }),
})

const dataDirs: string[] = []

afterEach(() => {
  killCliChildren()
  for (const dir of dataDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe('passerelle demo', () => {
  it('prints one JSON line whose Link URL and guide key link an active account, and cleans up on SIGTERM', async () => {
    const run = runCli(['demo', '--port', '0', '--employees', '20', '--json'])
    const demo = demoLineSchema.parse(JSON.parse(await waitForLine(run, /^\{/)))
    dataDirs.push(demo.data_dir)
    const company = demo.sandbox.companies[0]
    const token = new URL(demo.link_url).searchParams.get('token')
    expect(token).not.toBeNull()

    const page = await fetch(demo.link_url)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')

    const linked = await fetch(`${demo.hub_url}/hub/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-session-token': token ?? '' },
      body: JSON.stringify({
        integration_id: 'payfit',
        credentials: { api_key: company?.keys.guide },
      }),
    })
    expect(linked.status).toBe(201)
    const { id } = (await linked.json()) as { id: string }

    const accounts = await fetch(`${demo.hub_url}/accounts`, {
      headers: { authorization: basicAuth(demo.api_key) },
    })
    const listed = (await accounts.json()) as Array<{ id: string; status: string }>
    expect(listed).toEqual([expect.objectContaining({ id, status: 'active' })])

    run.child.kill('SIGTERM')
    expect(await run.exit).toBe(0)
    expect(fs.existsSync(demo.data_dir)).toBe(false)
    expect(run.stderr()).toContain('Demo stopped; its data was removed')
    expect(run.stdout().trim().split('\n')).toHaveLength(1)
  })

  it('prints the Link URL, the four sandbox keys and the next curl commands', async () => {
    const run = runCli(['demo', '--port', '0', '--employees', '5'])
    await waitForLine(run, /Press Ctrl\+C to stop/)
    const text = run.stdout()
    dataDirs.push(/Data directory\s+(\S+)/.exec(text)?.[1] ?? '')

    expect(text).toMatch(/\/link\?token=\S+/)
    for (const kind of ['full', 'guide', 'read_only', 'revoked']) {
      expect(text).toMatch(new RegExp(`^\\s+${kind}\\s+\\S{40,}`, 'm'))
    }
    expect(text).toContain('/unified/hris/employees')

    run.child.kill('SIGTERM')
    expect(await run.exit).toBe(0)
  })

  it('refuses a bad flag value with exit code 2 and names the flag', async () => {
    const run = runCli(['demo', '--employees', 'lots'])
    expect(await run.exit).toBe(2)
    expect(run.stderr()).toContain('--employees')
  })
})
