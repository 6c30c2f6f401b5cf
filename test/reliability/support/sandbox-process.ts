import { keyIdOf, type RunningSandbox, type SandboxCompany } from '../../../src/sandbox/index.ts'
import { runCli, waitForLine } from '../../cli.ts'

/**
 * The sandbox in a process of its own, so that its request counters read arrival times that
 * the hub's busy event loop does not delay: peaks measured there are what PayFit would see.
 */
export async function startSandboxProcess(flags: string[]): Promise<RunningSandbox> {
  const run = runCli(['sandbox', '--json', '--port', '0', ...flags])
  try {
    const line = await waitForLine(run, /^\{/)
    const printed = JSON.parse(line) as {
      url: string
      adminToken: string
      companies: Omit<SandboxCompany, 'keyIds'>[]
    }
    return {
      url: printed.url,
      adminToken: printed.adminToken,
      companies: printed.companies.map((company) => ({
        ...company,
        keyIds: {
          full: keyIdOf(company.keys.full),
          guide: keyIdOf(company.keys.guide),
          read_only: keyIdOf(company.keys.read_only),
          revoked: keyIdOf(company.keys.revoked),
        },
      })),
      async close() {
        run.child.kill('SIGTERM')
        await run.exit
      },
    }
  } catch (error) {
    run.child.kill('SIGKILL')
    throw error
  }
}
