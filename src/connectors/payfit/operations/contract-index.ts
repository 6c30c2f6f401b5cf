import type { EmploymentFacts } from '../mapping.ts'
import { SealedRows } from './sealed-rows.ts'

type Value = string | number | boolean | null

/**
 * Rows sealed together. Small enough that the loose rows of a walk stay under a megabyte; large
 * enough that a lookup, which searches every batch, searches a dozen at 100,000 contracts.
 */
const batchSize = 8192

/**
 * The company's contracts by collaborator; absences and employees join through it. It is the
 * one structure that grows with the company (a full listing cannot stream without it: PayFit
 * lists contracts company-wide, in an order unrelated to the collaborators'), so it is kept
 * dense, 70 to 90 bytes a contract where an object per contract in a Map takes some 260:
 *
 * - it holds only the employment facts the mapping reads;
 * - each value that repeats across contracts (job titles, dates, statuses, hours) is stored once
 *   and referred to by a number, so a contract is one short row: those numbers, then its id;
 * - rows are sealed in batches as they come (sealed-rows.ts), so a walk of the company never
 *   holds more than one batch of loose rows, and sealing never copies the whole index at once.
 */
export class ContractIndex {
  readonly #values: Value[] = []
  readonly #codes = new Map<Value, number>()
  #size = 0
  // Contracts added since the last seal, in the order added.
  #addedCollaborators: string[] = []
  #addedRows: string[] = []
  // In the order sealed; every batch but the last holds at least `batchSize` rows.
  readonly #batches: SealedRows[] = []
  #collaboratorByContract: Map<string, string> | undefined

  /** Adds a contract while the index is built (a walk of the company's contract pages). */
  add(contract: EmploymentFacts): void {
    const values: Value[] = [
      contract.jobName ?? null,
      contract.startDate,
      contract.endDate ?? null,
      contract.status,
      contract.standardWeeklyHours ?? null,
      contract.fullTimeEquivalent ?? null,
      contract.isFullTime ?? null,
    ]
    // An eighth value exactly when the contract came from `/contracts-fr` (maybe null).
    if ('natureContratDsn' in contract) values.push(contract.natureContratDsn ?? null)
    const codes = values.map((value) => this.#codeOf(value).toString(36)).join('.')
    this.#addedCollaborators.push(contract.collaboratorId)
    // Joined, not a template: a template's result is a rope of its parts until something reads
    // it whole, some 75 bytes more a contract (measured with --expose-gc) until sealed.
    this.#addedRows.push([codes, contract.contractId].join('\t'))
    this.#size += 1
    this.#collaboratorByContract = undefined
    if (this.#addedRows.length >= batchSize) this.#seal()
  }

  /** How many contracts it holds. */
  get size(): number {
    return this.#size
  }

  /** About the memory it takes, sealed: its strings, offsets and table of repeated values. */
  get bytes(): number {
    this.#seal()
    const batches = this.#batches.reduce((sum, batch) => sum + batch.bytes, 0)
    return batches + this.#values.length * 32
  }

  /** The collaborator's contracts in the order added, or undefined when the company lists none. */
  contractsOf(collaboratorId: string): EmploymentFacts[] | undefined {
    this.#seal()
    const rows = this.#batches.flatMap((batch) => batch.rowsOf(collaboratorId))
    if (rows.length === 0) return undefined
    return rows.map((row) => this.#factsOf(collaboratorId, row))
  }

  has(contractId: string): boolean {
    return this.collaboratorOf(contractId) !== undefined
  }

  /**
   * Whose contract this is. Only absence listings ask, so the lookup by contract is built on the
   * first question rather than for every index.
   */
  collaboratorOf(contractId: string): string | undefined {
    if (this.#collaboratorByContract === undefined) {
      this.#seal()
      const byContract = new Map<string, string>()
      for (const batch of this.#batches) {
        for (const [collaboratorId, rows] of batch.entries()) {
          for (const row of rows) byContract.set(contractIdOf(row), collaboratorId)
        }
      }
      this.#collaboratorByContract = byContract
    }
    return this.#collaboratorByContract.get(contractId)
  }

  #codeOf(value: Value): number {
    let code = this.#codes.get(value)
    if (code === undefined) {
      code = this.#values.length
      this.#values.push(value)
      this.#codes.set(value, code)
    }
    return code
  }

  #factsOf(collaboratorId: string, row: string): EmploymentFacts {
    const tab = row.indexOf('\t')
    const values = row
      .slice(0, tab)
      .split('.')
      .map((code) => this.#values[parseInt(code, 36)] ?? null)
    const [jobName, startDate, endDate, status, hours, fte, isFullTime, nature] = values
    const facts: EmploymentFacts = {
      contractId: row.slice(tab + 1),
      collaboratorId,
      jobName: jobName as string | null,
      startDate: startDate as string,
      endDate: endDate as string | null,
      status: status as string,
      standardWeeklyHours: hours as number | null,
      fullTimeEquivalent: fte as number | null,
      isFullTime: isFullTime as boolean | null,
    }
    if (values.length > 7) facts.natureContratDsn = nature as string | null
    return facts
  }

  /**
   * Seals the rows added since the last seal. A short last batch (a lookup came before it was
   * full) is opened again and sealed with them, so contracts added one by one after the walk do
   * not pile up batches for every lookup to search.
   */
  #seal(): void {
    if (this.#addedRows.length === 0) return
    const last = this.#batches.at(-1)
    let collaborators = this.#addedCollaborators
    let rows = this.#addedRows
    if (last !== undefined && last.rowCount < batchSize) {
      this.#batches.pop()
      collaborators = []
      rows = []
      for (const [collaboratorId, itsRows] of last.entries()) {
        for (const row of itsRows) {
          collaborators.push(collaboratorId)
          rows.push(row)
        }
      }
      collaborators.push(...this.#addedCollaborators)
      rows.push(...this.#addedRows)
    }
    this.#batches.push(new SealedRows(collaborators, rows))
    this.#addedCollaborators = []
    this.#addedRows = []
  }
}

function contractIdOf(row: string): string {
  return row.slice(row.indexOf('\t') + 1)
}

export function indexContracts(contracts: Iterable<EmploymentFacts>): ContractIndex {
  const index = new ContractIndex()
  for (const contract of contracts) index.add(contract)
  return index
}
