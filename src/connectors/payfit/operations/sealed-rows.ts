/**
 * A batch of the contract index's rows, sealed: its collaborators sorted, every id end to end in
 * one string and every row end to end in another (a collaborator's rows follow each other, in
 * the order they were added), found by offset rather than by one string and map entry apiece.
 */
export class SealedRows {
  readonly #ids: string
  readonly #idEnds: Uint32Array
  readonly #firstRows: Uint32Array
  readonly #rows: string
  readonly #rowEnds: Uint32Array

  /** Seals `rows[i]`, the rows of `collaborators[i]`, given in the order they were added. */
  constructor(collaborators: readonly string[], rows: readonly string[]) {
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
  }

  get rowCount(): number {
    return this.#rowEnds.length
  }

  get bytes(): number {
    const offsets = this.#idEnds.byteLength + this.#firstRows.byteLength + this.#rowEnds.byteLength
    return this.#ids.length + this.#rows.length + offsets
  }

  /** The collaborator's rows in the order added; none when this batch has no row of theirs. */
  rowsOf(collaboratorId: string): string[] {
    const at = this.#find(collaboratorId)
    return at === undefined ? [] : this.#rowsAt(at)
  }

  /** Every collaborator with their rows, in id order. */
  *entries(): Generator<[string, string[]]> {
    for (let at = 0; at < this.#idEnds.length; at += 1) yield [this.#id(at), this.#rowsAt(at)]
  }

  #id(at: number): string {
    return this.#ids.slice(this.#idStart(at), this.#idEnds[at])
  }

  #idStart(at: number): number {
    return at === 0 ? 0 : (this.#idEnds[at - 1] ?? 0)
  }

  #rowsAt(at: number): string[] {
    const rows: string[] = []
    const end = this.#firstRows[at + 1] ?? this.#rowEnds.length
    for (let row = this.#firstRows[at] ?? 0; row < end; row += 1) {
      rows.push(this.#rows.slice(row === 0 ? 0 : this.#rowEnds[row - 1], this.#rowEnds[row]))
    }
    return rows
  }

  /**
   * Binary search over the sorted ids, compared in place (code unit order, as `<` compares
   * strings): a lookup searches every batch, so it must not allocate.
   */
  #find(collaboratorId: string): number | undefined {
    let low = 0
    let high = this.#idEnds.length - 1
    while (low <= high) {
      const middle = (low + high) >>> 1
      const order = this.#compareAt(middle, collaboratorId)
      if (order === 0) return middle
      if (order < 0) low = middle + 1
      else high = middle - 1
    }
    return undefined
  }

  /** The id at `at` against `id`: negative if it sorts first, 0 if equal, positive after. */
  #compareAt(at: number, id: string): number {
    const start = this.#idStart(at)
    const length = (this.#idEnds[at] ?? 0) - start
    const shared = Math.min(length, id.length)
    for (let offset = 0; offset < shared; offset += 1) {
      const difference = this.#ids.charCodeAt(start + offset) - id.charCodeAt(offset)
      if (difference !== 0) return difference
    }
    return length - id.length
  }
}
