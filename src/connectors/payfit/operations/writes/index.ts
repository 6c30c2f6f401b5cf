import type { Employment } from '../../../../unified/employment.ts'
import {
  isPendingEmploymentId,
  type HrisWriteSession,
  type PendingEmploymentRecords,
} from '../../../../unified/write-operations.ts'
import { NotImplementedError } from '../../../../errors.ts'
import type { PayfitContext } from '../context.ts'
import { createEmployee } from './create-employee.ts'
import { createEmployeeEmployment, getPendingEmployment } from './create-employment.ts'
import { cancelEmployeeTimeOffRequest, createEmployeeTimeOffRequest } from './time-off-writes.ts'

/**
 * The unified writes answered by PayFit. `afterWrite` runs once a write went through (or may
 * have), so cached reads of the account start afresh and show it.
 */
export function createPayfitWrites(
  context: PayfitContext,
  accountId: string,
  records: PendingEmploymentRecords | undefined,
  afterWrite: () => void,
): HrisWriteSession {
  const employments = () => {
    if (records === undefined) {
      throw new NotImplementedError('This hub keeps no record of pending employments')
    }
    return { payfit: context, records, accountId }
  }
  async function settled<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write()
    } finally {
      afterWrite()
    }
  }

  return {
    createEmployee: (input, options) => settled(() => createEmployee(context, input, options)),
    createEmployeeEmployment: (employeeId, input, options) =>
      settled(() => createEmployeeEmployment(employments(), employeeId, input, options)),
    createEmployeeTimeOffRequest: (employeeId, input, options) =>
      settled(() => createEmployeeTimeOffRequest(context, employeeId, input, options)),
    cancelEmployeeTimeOffRequest: (employeeId, id, comment) =>
      settled(() => cancelEmployeeTimeOffRequest(context, employeeId, id, comment)),
  }
}

/** Reads one employment, answering our pending ids from the record of what was sent. */
export function readEmployeeEmployment(
  context: PayfitContext,
  accountId: string,
  records: PendingEmploymentRecords | undefined,
  read: (employeeId: string, id: string) => Promise<Employment>,
) {
  return (employeeId: string, id: string): Promise<Employment> =>
    records !== undefined && isPendingEmploymentId(id)
      ? getPendingEmployment({ payfit: context, records, accountId }, employeeId, id)
      : read(employeeId, id)
}
