import type { EmploymentFacts } from '../mapping.ts'

type Value = string | number | boolean | null

/**
 * The company's contracts by collaborator; absences and employees join through it. It is the
 * one structure that grows with the company (a full listing cannot stream without it: PayFit
 * lists contracts company-wide, in an order unrelated to the collaborators'), so it is kept
 * dense, about 65 bytes a contract where an object per contract in a Map takes some 260:
 *
 * - it holds only the employment facts the mapping reads;
 * - each value that repeats across contracts (job titles, dates, statuses, hours) is stored once
 *   and referred to by a number, so a contract is one short row: those numbers, then its id;
 * - once built, the collaborators are sorted and every id and row is written into one string,
 *   found by offset, instead of one string and one map entry apiece.
 *
 * It seals itself on the first lookup; a contract added later unseals it.
 */
export class ContractIndex {
  readonly #values: Value[] = []
  readonly #codes = new Map<Value, number>()
  #size = 0
  // Contracts added since the last seal, in walk order.
  #addedCollaborators: string[] = []
  #addedRows: string[] = []
  // Sealed: sorted collaborator ids end to end, each collaborator's first row, and every row end
  // to end (a collaborator's rows follow each other).
  #ids = ''
  #idEnds = new Uint32Array(0)
  #firstRows = new Uint32Array(0)
  #rows = ''
  #rowEnds = new Uint32Array(0)
  #collaboratorByContract: Map<string, string> | undefined

  /** Adds a contract while the index is built (a walk of the company's contract pages). */
  add(contract: EmploymentFacts): void {
    if (this.#idEnds.length > 0) this.#unseal()
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
    // it whole, some 75 bytes more a contract (measured with --expose-gc) for the length of a walk.
    this.#addedRows.push([codes, contract.contractId].join('\t'))
    this.#size += 1
    this.#collaboratorByContract = undefined
  }

  /** How many contracts it holds. */
  get size(): number {
    return this.#size
  }

  /** About the memory it takes, sealed: its strings, offsets and table of repeated values. */
  get bytes(): number {
    this.#seal()
    const offsets = this.#idEnds.byteLength + this.#firstRows.byteLength + this.#rowEnds.byteLength
    return this.#ids.length + this.#rows.length + offsets + this.#values.length * 32
  }

  /** The collaborator's contracts in walk order, or undefined when the company lists none. */
  contractsOf(collaboratorId: string): EmploymentFacts[] | undefined {
    this.#seal()
    const at = this.#find(collaboratorId)
    if (at === undefined) return undefined
    return this.#rowsOf(at).map((row) => this.#factsOf(collaboratorId, row))
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
      for (let at = 0; at < this.#idEnds.length; at += 1) {
        const collaboratorId = this.#id(at)
        for (const row of this.#rowsOf(at)) byContract.set(contractIdOf(row), collaboratorId)
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

  #id(at: number): string {
    return this.#ids.slice(at === 0 ? 0 : this.#idEnds[at - 1], this.#idEnds[at])
  }

  /** The rows of the collaborator at `at` of the sealed index, in walk order. */
  #rowsOf(at: number): string[] {
    const rows: string[] = []
    const end = this.#firstRows[at + 1] ?? this.#rowEnds.length
    for (let row = this.#firstRows[at] ?? 0; row < end; row += 1) {
      rows.push(this.#rows.slice(row === 0 ? 0 : this.#rowEnds[row - 1], this.#rowEnds[row]))
    }
    return rows
  }

  /** Binary search over the sorted ids (code unit order, as `<` compares strings). */
  #find(collaboratorId: string): number | undefined {
    let low = 0
    let high = this.#idEnds.length - 1
    while (low <= high) {
      const middle = (low + high) >>> 1
      const id = this.#id(middle)
      if (id === collaboratorId) return middle
      if (id < collaboratorId) low = middle + 1
      else high = middle - 1
    }
    return undefined
  }

  #seal(): void {
    if (this.#addedRows.length === 0) return
    const collaborators = this.#addedCollaborators
    const rows = this.#addedRows
    const order = Array.from(rows.keys()).sort((a, b) => {
      const [left = '', right = ''] = [collaborators[a], collaborators[b]]
      return left < right ? -1 : left > right ? 1 : a - b
    })
    const ids: string[] = []
    const idEnds: number[] = []
    const firstRows: number[] = []
    const rowEnds = new Uint32Array(order.length)
    let idLength = 0
    let rowLength = 0
    for (const [position, added] of order.entries()) {
      const collaboratorId = collaborators[added] ?? ''
      if (ids.at(-1) !== collaboratorId) {
        ids.push(collaboratorId)
        idLength += collaboratorId.length
        idEnds.push(idLength)
        firstRows.push(position)
      }
      rowLength += rows[added]?.length ?? 0
      rowEnds[position] = rowLength
    }
    this.#ids = ids.join('')
    this.#idEnds = Uint32Array.from(idEnds)
    this.#firstRows = Uint32Array.from(firstRows)
    this.#rows = order.map((added) => rows[added]).join('')
    this.#rowEnds = rowEnds
    this.#addedCollaborators = []
    this.#addedRows = []
  }

  #unseal(): void {
    for (let at = 0; at < this.#idEnds.length; at += 1) {
      const collaboratorId = this.#id(at)
      for (const row of this.#rowsOf(at)) {
        this.#addedCollaborators.push(collaboratorId)
        this.#addedRows.push(row)
      }
    }
    this.#ids = ''
    this.#idEnds = new Uint32Array(0)
    this.#firstRows = new Uint32Array(0)
    this.#rows = ''
    this.#rowEnds = new Uint32Array(0)
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
