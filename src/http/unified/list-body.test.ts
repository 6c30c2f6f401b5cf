import { describe, expect, it } from 'vitest'

import { listBody } from './list-body.ts'

describe('list bodies built item by item', () => {
  it('are byte for byte what JSON.stringify gives for the same page', () => {
    const pages = [
      { data: [{ id: 'é1', name: 'Zoé «Ünïcödé» 😀', nested: { a: [1, null] } }], next: 'c2' },
      { data: [{ id: 'a' }, { id: 'b', skipped: undefined }], next: null, raw: [{ url: 'u' }] },
      { data: [], next: null },
      { data: [{ id: 'only' }] },
    ]
    for (const page of pages) {
      expect(listBody(page).toString('utf8')).toBe(JSON.stringify(page))
    }
  })

  it('join the strings they are written in without a seam, whatever the page size', () => {
    const item = (n: number) => ({ id: `e${String(n)}`, name: n % 3 === 0 ? 'Zoë 😀' : 'Ann' })
    for (const size of [1, 9, 10, 11, 20, 21, 50, 100]) {
      const page = {
        data: Array.from({ length: size }, (_, n) => item(n)),
        next: `c${String(size)}`,
      }
      const bytes = listBody(page)
      expect(bytes.toString('utf8')).toBe(JSON.stringify(page))
      expect(bytes.byteLength).toBe(Buffer.byteLength(JSON.stringify(page)))
    }
  })
})
