import { describe, expect, it } from 'vitest'

import { InvalidRequestError, ProviderError } from '../../../errors.ts'
import type { CursorState } from '../../../unified/cursor.ts'
import type { HrisPage, ListRequest } from '../../../unified/operations.ts'
import { parseListQuery } from '../../../unified/query.ts'
import type { PayfitPage } from '../schemas.ts'
import { pageOf, walkSpan, type PageFetcher } from './paging.ts'

const filter = parseListQuery('').filter

function request(pageSize: number, cursor: CursorState | null = null): ListRequest {
  return { pageSize, cursor, filter }
}

/** PayFit pages of `size` over 0..total-1, tokens `p1`, `p2`…, counting fetches. */
function pagesOf(total: number, size: number) {
  const fetched: (string | null)[] = []
  const fetch: PageFetcher<number> = (token) => {
    fetched.push(token)
    const index = token === null ? 0 : Number(token.slice(1))
    const items = Array.from({ length: size }, (_, i) => index * size + i).filter((n) => n < total)
    const hasMore = (index + 1) * size < total
    const page: PayfitPage<number> = {
      items,
      nextPageToken: hasMore ? `p${String(index + 1)}` : null,
      count: items.length,
    }
    return Promise.resolve(page)
  }
  return { fetch, fetched }
}

describe('unified pages cut out of PayFit pages', () => {
  it('yields every item once across PayFit pages and ends with a null cursor', async () => {
    const { fetch } = pagesOf(120, 50)
    const seen: number[] = []
    let cursor: CursorState | null = null
    let pages = 0
    do {
      const page: HrisPage<number> = await walkSpan(fetch, request(25, cursor))
      seen.push(...page.data)
      cursor = page.next
      pages += 1
    } while (cursor !== null)
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => i))
    expect(pages).toBe(5)
  })

  it('spans two PayFit pages for a unified page of 100', async () => {
    const { fetch, fetched } = pagesOf(120, 50)
    const page = await walkSpan(fetch, request(100))
    expect(page.data).toHaveLength(100)
    expect(fetched).toEqual([null, 'p1'])
    expect(page.next).toMatchObject({ t: 'p2', o: 0 })
  })

  it('skips items the filter drops and keeps reading', async () => {
    const { fetch } = pagesOf(120, 50)
    const page = await walkSpan(fetch, request(3), (n) => n % 40 === 0)
    expect(page.data).toEqual([0, 40, 80])
  })

  it('answers a short page and a cursor after ten PayFit pages the filter emptied', async () => {
    const { fetch, fetched } = pagesOf(50 * 30, 50)
    const first = await walkSpan(fetch, request(25), (n) => n >= 50 * 25)
    expect(first.data).toEqual([])
    expect(fetched).toHaveLength(10)
    expect(first.next).toMatchObject({ t: 'p10', o: 0 })

    const second = await walkSpan(fetch, request(25, first.next), (n) => n >= 50 * 25)
    expect(second.data).toEqual([])
    expect(fetched.slice(10)).toEqual([
      'p10',
      'p11',
      'p12',
      'p13',
      'p14',
      'p15',
      'p16',
      'p17',
      'p18',
      'p19',
    ])
    const third = await walkSpan(fetch, request(25, second.next), (n) => n >= 50 * 25)
    expect(third.data).toHaveLength(25)
    expect(third.data[0]).toBe(50 * 25)
  })

  it('keeps what it found when it stops at the page limit', async () => {
    const { fetch } = pagesOf(50 * 30, 50)
    const page = await walkSpan(fetch, request(25), (n) => n % 100 === 0)
    expect(page.data).toEqual([0, 100, 200, 300, 400])
    expect(page.next).toMatchObject({ t: 'p10', o: 0 })
  })

  it('stops with a ProviderError when PayFit hands back a token already followed', async () => {
    const loop: PageFetcher<number> = () =>
      Promise.resolve({ items: [1], nextPageToken: 'same', count: 1 })
    await expect(walkSpan(loop, request(10))).rejects.toBeInstanceOf(ProviderError)
  })

  it('catches a token repeated across requests through the cursor', async () => {
    const pages: Record<string, PayfitPage<number>> = {
      '': { items: [1], nextPageToken: 'a', count: 1 },
      a: { items: [2], nextPageToken: 'b', count: 1 },
      b: { items: [3], nextPageToken: 'a', count: 1 },
    }
    const fetch: PageFetcher<number> = (token) => {
      const page = pages[token ?? '']
      return page === undefined ? Promise.reject(new Error('no such page')) : Promise.resolve(page)
    }
    const first = await walkSpan(fetch, request(1))
    const second = await walkSpan(fetch, request(1, first.next))
    await expect(walkSpan(fetch, request(1, second.next))).rejects.toBeInstanceOf(ProviderError)
  })

  it('refuses a cursor whose state is not a PayFit walk', async () => {
    const { fetch } = pagesOf(10, 5)
    await expect(walkSpan(fetch, request(5, { o: 'x' }))).rejects.toBeInstanceOf(
      InvalidRequestError,
    )
    expect(() => pageOf([1, 2], request(1, { t: null }))).toThrow(InvalidRequestError)
  })

  it('pages a list held in memory', () => {
    const first = pageOf([1, 2, 3], request(2))
    expect(first).toEqual({ data: [1, 2], next: { o: 2 } })
    expect(pageOf([1, 2, 3], request(2, first.next))).toEqual({ data: [3], next: null })
  })
})
