import { StackOne } from '@stackone/stackone-client-ts'

import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox/index.ts'
import { createClient, linkAccount, startTestHub, type TestHub } from '../harness.ts'

export interface UnifiedFixture {
  sandbox: RunningSandbox
  hub: TestHub
  sdk: StackOne
  /** Linked account ids by sandbox key name, for the first company. */
  accounts: { guide: string; full: string }
  close(): Promise<void>
}

/** A sandbox, a hub pointed at it, the first company linked with its `guide` and `full` keys. */
export async function startUnifiedFixture(
  options: SandboxOptions = {},
  hubOptions: Parameters<typeof startTestHub>[0] = {},
): Promise<UnifiedFixture> {
  const sandbox = await startSandbox({ port: 0, seed: 7, employees: 60, ...options })
  const hub = await startTestHub({ payfitUrl: sandbox.url, ...hubOptions })
  try {
    const company = sandbox.companies[0]
    if (company === undefined) throw new Error('the sandbox has no company')
    const guide = await link(hub, 'owner-guide', company.keys.guide)
    const full = await link(hub, 'owner-full', company.keys.full)
    const sdk = new StackOne({
      serverURL: hub.url,
      security: { username: hub.apiKey, password: '' },
      retryConfig: { strategy: 'none' },
    })
    return {
      sandbox,
      hub,
      sdk,
      accounts: { guide, full },
      async close() {
        await hub.close()
        await sandbox.close()
      },
    }
  } catch (error) {
    await hub.close()
    await sandbox.close()
    throw error
  }
}

/** Links a PayFit key for a new owner through `/hub/accounts`, returning the account id. */
export async function link(hub: TestHub, owner: string, payfitKey: string): Promise<string> {
  const session = await hub.hub.createConnectSession(hub.project, {
    originOwnerId: owner,
    originOwnerName: owner,
  })
  const linked = await linkAccount(createClient(hub.url), session.token, payfitKey)
  if (linked.status !== 200 && linked.status !== 201) {
    throw new Error(`linking failed: ${String(linked.status)} ${linked.text}`)
  }
  return (linked.body as { id: string }).id
}
