import { describe, expect, it } from 'vitest'

import { listBody } from './list-body.ts'

describe('list bodies written a few items at a time', () => {
  it('are byte for byte what JSON.stringify gives for the same page', () => {
    const pages = [
      { data: [{ id: 'é1', name: 'Zoé «Ünïcödé» 😀', nested: { a: [1, null] } }], next: 'c2' },
      { data: [{ id: 'a' }, { id: 'b', skipped: undefined }], next: null, raw: [{ url: 'u' }] },
      { data: [], next: null },
      { data: [{ id: 'only' }] },
      { data: [] },
    ]
    for (const page of pages) {
      expect(listBody(page)).toEqual(Buffer.from(JSON.stringify(page)))
    }
  })

  it('have no seam where one string of items ends and the next begins', () => {
    const item = (n: number) => ({ id: `e${String(n)}`, name: n % 3 === 0 ? 'Zoë 😀' : 'Ann' })
    for (const size of [1, 9, 10, 11, 20, 21, 50, 100]) {
      const page = {
        data: Array.from({ length: size }, (_, n) => item(n)),
        next: `c${String(size)}`,
      }
      expect(listBody(page)).toEqual(Buffer.from(JSON.stringify(page)))
    }
  })
})
