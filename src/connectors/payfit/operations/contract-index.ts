import type { EmploymentFacts } from '../mapping.ts'

/**
 * One contract as the index stores it: a JSON array in a fixed order. The ninth value is there
 * exactly when the contract came from `/contracts-fr` (`natureContratDsn`, maybe null).
 */
type Row = [
  contractId: string,
  jobName: string | null,
  startDate: string,
  endDate: string | null,
  status: string,
  standardWeeklyHours: number | null,
  fullTimeEquivalent: number | null,
  isFullTime: boolean | null,
  natureContratDsn?: string | null,
]

/**
 * The company's contracts by collaborator; absences and employees join through it. It is the
 * one structure that grows with the company (a full listing cannot stream without it: PayFit
 * lists contracts company-wide, in an order unrelated to the collaborators'), so it is kept
 * dense: each collaborator's contracts are one string of JSON rows holding only the employment
 * facts the mapping reads, about a third of the memory of one object per contract. A row is
 * decoded when a page asks for it, fifty collaborators at a time.
 */
export class ContractIndex {
  readonly #rows = new Map<string, string>()
  #size = 0
  #collaboratorByContract: Map<string, string> | undefined

  /** Adds a contract while the index is built (a walk of the company's contract pages). */
  add(contract: EmploymentFacts): void {
    const row: Row = [
      contract.contractId,
      contract.jobName ?? null,
      contract.startDate,
      contract.endDate ?? null,
      contract.status,
      contract.standardWeeklyHours ?? null,
      contract.fullTimeEquivalent ?? null,
      contract.isFullTime ?? null,
    ]
    if ('natureContratDsn' in contract) row.push(contract.natureContratDsn ?? null)
    const encoded = JSON.stringify(row)
    const earlier = this.#rows.get(contract.collaboratorId)
    this.#rows.set(
      contract.collaboratorId,
      earlier === undefined ? encoded : `${earlier},${encoded}`,
    )
    this.#size += 1
    this.#collaboratorByContract = undefined
  }

  /** How many contracts it holds (its weight in the read cache). */
  get size(): number {
    return this.#size
  }

  /** The collaborator's contracts, or undefined when the company lists none for that id. */
  contractsOf(collaboratorId: string): EmploymentFacts[] | undefined {
    const rows = this.#rows.get(collaboratorId)
    if (rows === undefined) return undefined
    return (JSON.parse(`[${rows}]`) as Row[]).map((row) => factsOf(collaboratorId, row))
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
      const byContract = new Map<string, string>()
      for (const [collaboratorId, rows] of this.#rows) {
        for (const [id] of JSON.parse(`[${rows}]`) as Row[]) byContract.set(id, collaboratorId)
      }
      this.#collaboratorByContract = byContract
    }
    return this.#collaboratorByContract.get(contractId)
  }
}

export function indexContracts(contracts: Iterable<EmploymentFacts>): ContractIndex {
  const index = new ContractIndex()
  for (const contract of contracts) index.add(contract)
  return index
}

function factsOf(collaboratorId: string, row: Row): EmploymentFacts {
  const [contractId, jobName, startDate, endDate, status] = row
  const facts: EmploymentFacts = {
    contractId,
    collaboratorId,
    jobName,
    startDate,
    endDate,
    status,
    standardWeeklyHours: row[5],
    fullTimeEquivalent: row[6],
    isFullTime: row[7],
  }
  if (row.length > 8) facts.natureContratDsn = row[8] ?? null
  return facts
}
