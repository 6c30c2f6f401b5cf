import { randomBytes } from 'node:crypto'

import type { Connector } from '../connectors/types.ts'
import { ConflictError } from '../errors.ts'
import type { PendingEmploymentRepository } from '../store/pending-employments.ts'
import type { PendingEmploymentRow } from '../store/schema.ts'
import {
  pendingEmploymentPrefix,
  type PendingEmployment,
  type PendingEmploymentRecords,
} from '../unified/write-operations.ts'
import type { ConnectorCatalog } from './accounts.ts'

/** Records older than this are of no use: the provider shows the employment or never will. */
const keptForMs = 30 * 24 * 60 * 60 * 1000
/*
 * A provider may take minutes to show an employment it accepted; until a read matches it, our
 * record blocks a second one for the employee, for at most an hour (then the provider's own
 * listing is the guard). The store's unique index makes the block hold across concurrent
 * requests and instances.
 */
const blocksForMs = 60 * 60 * 1000

export function createPendingEmploymentRecords(
  rows: PendingEmploymentRepository,
  now: () => Date,
): PendingEmploymentRecords {
  return {
    now,
    async add(record) {
      const createdAt = now()
      await rows.purgeOlderThan(new Date(createdAt.getTime() - keptForMs).toISOString())
      const row = {
        id: pendingEmploymentPrefix + randomBytes(12).toString('base64url'),
        account_id: record.accountId,
        employee_id: record.employeeId,
        job_title: record.jobTitle,
        start_date: record.startDate,
        state: 'sending',
        employment_id: null,
        created_at: createdAt.toISOString(),
      }
      if (!(await rows.insertBlocking(row))) {
        const staleBefore = new Date(createdAt.getTime() - blocksForMs).toISOString()
        const released = await rows.releaseBlockingBefore(
          record.accountId,
          record.employeeId,
          staleBefore,
        )
        if (!released || !(await rows.insertBlocking(row))) {
          throw new ConflictError('An employment is already being created for this employee')
        }
      }
      return toPendingEmployment({ ...row, blocking: 1 })
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
        close: () => hris.close?.(),
        forget: (accountId, current) => hris.forget?.(accountId, current),
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
