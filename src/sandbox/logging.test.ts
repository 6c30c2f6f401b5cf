import { Writable } from 'node:stream'

import { describe, expect, it } from 'vitest'

import { createLogger } from '../log.ts'
import { startSandbox, type SandboxCompany } from './index.ts'
import { call } from './test-client.ts'

describe('sandbox logging', () => {
  it('logs its start and stop without any key or admin token', async () => {
    let output = ''
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        output += chunk.toString()
        done()
      },
    })
    const sandbox = await startSandbox({
      employees: 5,
      logger: createLogger({ level: 'debug', destination }),
    })
    const company = sandbox.companies[0] as SandboxCompany
    await call(sandbox, `/companies/${company.id}/collaborators`, { key: company.keys.full })
    await call(sandbox, '/introspect', {
      method: 'POST',
      key: company.keys.guide,
      body: { token: company.keys.guide },
    })
    await sandbox.close()

    expect(output).toContain('sandbox listening')
    expect(output).toContain('sandbox closed')
    for (const secret of [
      company.keys.full,
      company.keys.guide,
      company.keys.read_only,
      company.keys.revoked,
      sandbox.adminToken,
    ]) {
      expect(output).not.toContain(secret)
    }
  })
})
