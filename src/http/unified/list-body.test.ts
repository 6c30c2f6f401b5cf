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
})
