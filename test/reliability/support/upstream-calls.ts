import { bounded, type Call, type FaultRig } from './fault-rig.ts'

/** What the hub is asked, and which PayFit call (sandbox route name) the fault lands on. */
export interface UpstreamTarget {
  /** The sandbox's route name: faults and stats use it. */
  route: string
  /** `METHOD /path` of that PayFit call, as the counting proxy sees it. */
  pattern: RegExp
  kind: 'read' | 'write'
  /** `list` when the hub walks PayFit pages for it (a repeated token can bite). */
  paged: boolean
  /** The status of a correct answer. */
  success: number
  /** Body type of PayFit's answer: malformed JSON only strikes JSON bodies. */
  payfitBody: 'json' | 'empty' | 'pdf'
  /** Builds the request (run before the faults are set; may create what it needs). */
  prepare(rig: FaultRig, context: TargetContext): PreparedCall | Promise<PreparedCall>
}

export interface PreparedCall {
  call: Call
  /** The account whose status must stay honest; null for a link attempt. */
  accountId: string | null
}

/** Ids the targets aim at, read once from the French company. */
export interface TargetContext {
  employeeId: string
  employmentId: string
  documentId: string
  /** A fresh number per cell, for names and dates that must not collide. */
  next(): number
}

const base = '/unified/hris'

function read(rig: FaultRig, path: string, accountId = rig.accounts.fr): PreparedCall {
  return { call: { method: 'GET', path, headers: rig.unifiedHeaders(accountId) }, accountId }
}

function write(
  rig: FaultRig,
  method: 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): PreparedCall {
  return {
    call: { method, path, body, headers: rig.unifiedHeaders(rig.accounts.fr) },
    accountId: rig.accounts.fr,
  }
}

/** A day of 2031 per cell, two days apart, so absences created by cells never overlap. */
function dayOf(n: number): string {
  return new Date(Date.UTC(2031, 0, 1) + n * 2 * 86_400_000).toISOString().slice(0, 10)
}

async function createEmployee(rig: FaultRig, n: number): Promise<string> {
  const created = await bounded(rig.hub.url, {
    method: 'POST',
    path: `${base}/employees`,
    headers: rig.unifiedHeaders(rig.accounts.fr),
    body: {
      first_name: 'Cellule',
      last_name: `Essai-${String(n)}`,
      personal_email: `c${String(n)}@perso.example`,
    },
  })
  const id = (created.json as { data?: { id?: string } } | null)?.data?.id
  if (created.status !== 201 || id === undefined) throw new Error(`setup: ${created.text}`)
  return id
}

async function createTimeOff(rig: FaultRig, employeeId: string, n: number): Promise<string> {
  const created = await bounded(rig.hub.url, {
    method: 'POST',
    path: `${base}/employees/${employeeId}/time_off`,
    headers: rig.unifiedHeaders(rig.accounts.fr),
    body: { time_off_policy_id: 'fr_conges_payes', start_date: dayOf(n), end_date: dayOf(n) },
  })
  const id = (created.json as { data?: { id?: string } } | null)?.data?.id
  if (created.status !== 201 || id === undefined) throw new Error(`setup: ${created.text}`)
  return id
}

/**
 * Every PayFit call the hub makes, each reached through the hub route that makes it. Reads ask
 * `raw=true`, which bypasses the read cache, so every cell reaches PayFit. Adding a call is one
 * entry here.
 */
export const upstreamTargets: UpstreamTarget[] = [
  {
    route: 'introspect',
    pattern: /^POST \/introspect$/,
    kind: 'read',
    paged: false,
    success: 201,
    payfitBody: 'json',
    async prepare(rig, context) {
      const session = await rig.hub.hub.createConnectSession(rig.hub.project, {
        originOwnerId: `owner-cell-${String(context.next())}`,
        originOwnerName: 'Cell owner',
      })
      return {
        call: {
          method: 'POST',
          path: '/hub/accounts',
          headers: { 'x-hub-session-token': session.token },
          body: {
            integration_id: 'payfit',
            credentials: { api_key: rig.sandbox.companies[0]?.keys.full ?? '' },
          },
        },
        accountId: null,
      }
    },
  },
  {
    route: 'companies.get',
    pattern: /^GET \/companies\/[^/]+$/,
    kind: 'read',
    paged: false,
    success: 200,
    payfitBody: 'json',
    prepare: (rig) => read(rig, `${base}/companies?raw=true`),
  },
  {
    route: 'collaborators.list',
    pattern: /^GET \/companies\/[^/]+\/collaborators$/,
    kind: 'read',
    paged: true,
    success: 200,
    payfitBody: 'json',
    prepare: (rig) => read(rig, `${base}/employees?page_size=100&raw=true`),
  },
  {
    route: 'collaborators.get',
    pattern: /^GET \/companies\/[^/]+\/collaborators\/[^/]+$/,
    kind: 'read',
    paged: false,
    success: 200,
    payfitBody: 'json',
    prepare: (rig, { employeeId }) => read(rig, `${base}/employees/${employeeId}?raw=true`),
  },
  {
    route: 'contractsFr.list',
    pattern: /^GET \/companies\/[^/]+\/contracts-fr$/,
    kind: 'read',
    paged: true,
    success: 200,
    payfitBody: 'json',
    prepare: (rig) => read(rig, `${base}/employments?page_size=100&raw=true`),
  },
  {
    route: 'contracts.list',
    pattern: /^GET \/companies\/[^/]+\/contracts$/,
    kind: 'read',
    paged: true,
    success: 200,
    payfitBody: 'json',
    prepare: (rig) => read(rig, `${base}/employments?page_size=100&raw=true`, rig.accounts.gb),
  },
  {
    route: 'contractsFr.get',
    pattern: /^GET \/companies\/[^/]+\/contracts-fr\/[^/]+$/,
    kind: 'read',
    paged: false,
    success: 200,
    payfitBody: 'json',
    prepare: (rig, { employmentId }) => read(rig, `${base}/employments/${employmentId}?raw=true`),
  },
  {
    route: 'absences.list',
    pattern: /^GET \/companies\/[^/]+\/absences$/,
    kind: 'read',
    paged: true,
    success: 200,
    payfitBody: 'json',
    prepare: (rig) => read(rig, `${base}/time_off?page_size=100&raw=true`),
  },
  {
    route: 'payslips.list',
    pattern: /^GET \/companies\/[^/]+\/collaborators\/[^/]+\/payslips$/,
    kind: 'read',
    paged: false,
    success: 200,
    payfitBody: 'json',
    prepare: (rig, { employeeId }) =>
      read(rig, `${base}/employees/${employeeId}/documents?raw=true`),
  },
  {
    route: 'payslips.get',
    pattern: /^GET \/companies\/[^/]+\/collaborators\/[^/]+\/contracts\/[^/]+\/payslips\/[^/]+$/,
    kind: 'read',
    paged: false,
    success: 200,
    payfitBody: 'pdf',
    prepare: (rig, { employeeId, documentId }) =>
      read(rig, `${base}/employees/${employeeId}/documents/${documentId}/download`),
  },
  {
    route: 'collaborators.create',
    pattern: /^POST \/companies\/[^/]+\/collaborators$/,
    kind: 'write',
    paged: false,
    success: 201,
    payfitBody: 'json',
    prepare: (rig, context) => {
      const n = context.next()
      return write(rig, 'POST', `${base}/employees`, {
        first_name: 'Matrice',
        last_name: `Essai-${String(n)}`,
        personal_email: `m${String(n)}@perso.example`,
      })
    },
  },
  {
    route: 'contracts.create',
    pattern: /^POST \/companies\/[^/]+\/collaborators\/[^/]+\/contracts$/,
    kind: 'write',
    paged: false,
    success: 201,
    payfitBody: 'empty',
    prepare: async (rig, context) => {
      const employeeId = await createEmployee(rig, context.next())
      return write(rig, 'POST', `${base}/employees/${employeeId}/employments`, {
        job_title: 'Analyste',
        effective_date: '2031-03-02',
      })
    },
  },
  {
    route: 'absences.create',
    pattern: /^POST \/companies\/[^/]+\/absences$/,
    kind: 'write',
    paged: false,
    success: 201,
    payfitBody: 'json',
    prepare: (rig, context) => {
      const day = dayOf(context.next())
      return write(rig, 'POST', `${base}/employees/${context.employeeId}/time_off`, {
        time_off_policy_id: 'fr_conges_payes',
        start_date: day,
        end_date: day,
      })
    },
  },
  {
    route: 'absences.cancel',
    pattern: /^DELETE \/companies\/[^/]+\/absences\/[^/]+$/,
    kind: 'write',
    paged: false,
    success: 200,
    payfitBody: 'empty',
    prepare: async (rig, context) => {
      const id = await createTimeOff(rig, context.employeeId, context.next())
      return write(rig, 'DELETE', `${base}/employees/${context.employeeId}/time_off/${id}`)
    },
  },
]

/** An active French employee with payslips, one of its employments and one payslip. */
export async function readTargetContext(rig: FaultRig): Promise<TargetContext> {
  const headers = rig.unifiedHeaders(rig.accounts.fr)
  const employments = await bounded(rig.hub.url, {
    method: 'GET',
    path: `${base}/employments?page_size=100`,
    headers,
  })
  const list = (
    employments.json as { data: { id: string; employee_id: string; active: boolean }[] }
  ).data
  for (const employment of list.filter((item) => item.active)) {
    const documents = await bounded(rig.hub.url, {
      method: 'GET',
      path: `${base}/employees/${employment.employee_id}/documents`,
      headers,
    })
    const documentId = (documents.json as { data?: { id: string }[] } | null)?.data?.[0]?.id
    if (documentId === undefined) continue
    let counter = 0
    return {
      employeeId: employment.employee_id,
      employmentId: employment.id,
      documentId,
      next: () => (counter += 1),
    }
  }
  throw new Error('no active employee with payslips in the sandbox')
}
