import { randomBytes } from 'node:crypto'

import type { ConnectorCatalog } from '../../accounts/accounts.ts'
import type { Connector } from '../../connectors/types.ts'
import type { PendingEmploymentRepository } from '../../store/pending-employments.ts'
import type { PendingEmploymentRow } from '../../store/schema.ts'
import {
  pendingEmploymentPrefix,
  type PendingEmployment,
  type PendingEmploymentRecords,
} from '../../unified/write-operations.ts'

/** Records older than this are of no use: the provider shows the employment or never will. */
const keptForMs = 30 * 24 * 60 * 60 * 1000

export function createPendingEmploymentRecords(
  rows: PendingEmploymentRepository,
  now: () => Date,
): PendingEmploymentRecords {
  return {
    now,
    async add(record) {
      const createdAt = now()
      await rows.purgeOlderThan(new Date(createdAt.getTime() - keptForMs).toISOString())
      const row: PendingEmploymentRow = {
        id: pendingEmploymentPrefix + randomBytes(12).toString('base64url'),
        account_id: record.accountId,
        employee_id: record.employeeId,
        job_title: record.jobTitle,
        start_date: record.startDate,
        state: 'sending',
        employment_id: null,
        created_at: createdAt.toISOString(),
      }
      await rows.insert(row)
      return toPendingEmployment(row)
    },
    async find(accountId, id) {
      const row = await rows.find(accountId, id)
      return row === undefined ? undefined : toPendingEmployment(row)
    },
    async listForEmployee(accountId, employeeId) {
      return (await rows.listForEmployee(accountId, employeeId)).map(toPendingEmployment)
    },
    async update(accountId, id, changes) {
      await rows.update(accountId, id, {
        ...(changes.state === undefined ? {} : { state: changes.state }),
        ...(changes.employmentId === undefined ? {} : { employment_id: changes.employmentId }),
      })
    },
    forget: (accountId, id) => rows.remove(accountId, id),
  }
}

function toPendingEmployment(row: PendingEmploymentRow): PendingEmployment {
  const state = row.state === 'sent' || row.state === 'unknown' ? row.state : 'sending'
  return {
    id: row.id,
    accountId: row.account_id,
    employeeId: row.employee_id,
    jobTitle: row.job_title,
    startDate: row.start_date,
    state,
    employmentId: row.employment_id,
    createdAt: row.created_at,
  }
}

/**
 * Hands the pending-employment records to every session a connector opens, reads included, so
 * a pending id answers wherever an employment id is accepted.
 */
export function withPendingEmployments(
  catalog: ConnectorCatalog,
  records: PendingEmploymentRecords,
): ConnectorCatalog {
  const wrap = (connector: Connector): Connector => {
    const { hris } = connector
    if (hris === undefined) return connector
    return {
      ...connector,
      hris: {
        open: (account, options) => hris.open(account, { ...options, pendingEmployments: records }),
      },
    }
  }
  const wrapped = new Map(catalog.list().map((connector) => [connector, wrap(connector)]))
  const wrappedOf = (connector: Connector | undefined) =>
    connector === undefined ? undefined : (wrapped.get(connector) ?? wrap(connector))
  return {
    get: (provider) => wrappedOf(catalog.get(provider)),
    list: () => catalog.list().map((connector) => wrappedOf(connector) ?? connector),
  }
}
