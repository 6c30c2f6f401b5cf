import { describe, expect, it } from 'vitest'

import { fakeClock } from '../../../../test/fake-clock.ts'
import { rememberReply } from '../reply-source.ts'
import type { PayfitPage } from '../schemas.ts'
import { createReadAhead, type ReadAheadSource } from './read-ahead.ts'

/** A list of `pages` pages of two items, tokens `t1`…, answered at once; counts reads per token. */
function fakeList(pages: number) {
  const reads = new Map<string, number>()
  const fetch = (token: string | null): Promise<PayfitPage<unknown>> => {
    const key = token ?? ''
    reads.set(key, (reads.get(key) ?? 0) + 1)
    const index = token === null ? 0 : Number(token.slice(1))
    const next = index + 1 < pages ? `t${String(index + 1)}` : null
    return Promise.resolve({ items: [`${key}a`, `${key}b`], nextPageToken: next, count: null })
  }
  return { fetch, reads, total: () => [...reads.values()].reduce((a, b) => a + b, 0) }
}

/** Lets every settled read's continuation run. */
async function settle(): Promise<void> {
  for (let round = 0; round < 20; round += 1) await Promise.resolve()
}

describe('read-ahead chains', () => {
  it('reads ahead up to its window and hands each page over once, read once', async () => {
    const list = fakeList(6)
    const readAhead = createReadAhead()
    const source: ReadAheadSource = { fetch: list.fetch, window: () => 3 }
    readAhead.follow('acc|collaborators', null, source, true)
    await settle()
    expect(list.total()).toBe(3)

    const tokens = [null, 't1', 't2', 't3', 't4', 't5']
    for (const token of tokens) {
      const page = await readAhead.take('acc|collaborators', token)
      expect(page?.items).toEqual([`${token ?? ''}a`, `${token ?? ''}b`])
      await settle()
    }
    expect([...list.reads.values()]).toEqual([1, 1, 1, 1, 1, 1])
    expect(readAhead.take('acc|collaborators', 't1')).toBeUndefined()
    expect(readAhead.heldItems()).toBe(0)
  })

  it('with a window of 0 reads only the page a request asks for', async () => {
    const list = fakeList(4)
    const readAhead = createReadAhead()
    readAhead.follow('acc|collaborators', null, { fetch: list.fetch, window: () => 0 }, true)
    await settle()
    expect(list.total()).toBe(0)
    expect(await readAhead.take('acc|collaborators', null)).toBeDefined()
    await settle()
    expect(list.total()).toBe(1)
  })

  it('keeps the chain of a client that asks again for a page it went past', async () => {
    const list = fakeList(8)
    const readAhead = createReadAhead()
    const source: ReadAheadSource = { fetch: list.fetch, window: () => 2 }
    readAhead.follow('acc|collaborators', null, source, true)
    await settle()
    await readAhead.take('acc|collaborators', null)
    await settle()

    // The first page again (a retry after a 408): no second chain, and the first one reads on.
    const reread: ReadAheadSource = { fetch: list.fetch, window: () => 4 }
    readAhead.follow('acc|collaborators', null, reread, true)
    await settle()
    expect(list.reads.get('')).toBe(1)
    expect(list.total()).toBe(5)
  })

  it('reads ahead for a new walk after an earlier chain reached the end', async () => {
    const list = fakeList(2)
    const readAhead = createReadAhead()
    const source: ReadAheadSource = { fetch: list.fetch, window: () => 2 }
    readAhead.follow('acc|collaborators', null, source, true)
    await settle()
    for (const token of [null, 't1']) await readAhead.take('acc|collaborators', token)
    await settle()

    readAhead.follow('acc|collaborators', null, source, true)
    await settle()
    expect(list.reads.get('t1')).toBe(2)
    expect(readAhead.heldItems()).toBe(4)
  })

  it('keeps listings apart', async () => {
    const list = fakeList(3)
    const readAhead = createReadAhead()
    readAhead.follow('a|collaborators', null, { fetch: list.fetch, window: () => 2 }, true)
    await settle()
    expect(readAhead.take('b|collaborators', null)).toBeUndefined()
  })

  it('drops a page nobody took within its time to live', async () => {
    const clock = fakeClock()
    const list = fakeList(3)
    const readAhead = createReadAhead({ ttlMs: 1_000 }, clock)
    readAhead.follow('acc|collaborators', null, { fetch: list.fetch, window: () => 2 }, true)
    await settle()
    expect(readAhead.heldItems()).toBe(4)
    clock.advance(1_000)
    expect(readAhead.take('acc|collaborators', null)).toBeUndefined()
    expect(readAhead.heldItems()).toBe(0)
  })

  it('keeps what it holds for a client that comes back, however long it waited', async () => {
    const clock = fakeClock()
    const list = fakeList(3)
    const readAhead = createReadAhead({ ttlMs: 1_000 }, clock)
    const source = { fetch: list.fetch, window: () => 2 }
    readAhead.follow('acc|collaborators', null, source, true)
    await settle()
    clock.advance(900)
    readAhead.follow('acc|collaborators', null, source, true)
    clock.advance(900)
    expect(await readAhead.take('acc|collaborators', null)).toMatchObject({ items: ['a', 'b'] })
    expect(list.reads.get('')).toBe(1)
  })

  it('keeps reading while it drains a long window, then stays a few pages ahead', async () => {
    const list = fakeList(12)
    const readAhead = createReadAhead()
    const drainOrTwo = (held: number) => (held > 2 ? 8 : 2)
    readAhead.follow('acc|collaborators', null, { fetch: list.fetch, window: () => 8 }, true)
    await settle()
    expect(list.total()).toBe(8)
    readAhead.follow('acc|collaborators', null, { fetch: list.fetch, window: drainOrTwo }, false)
    for (const token of [null, 't1', 't2', 't3', 't4', 't5']) {
      await readAhead.take('acc|collaborators', token)
      await settle()
    }
    // Six taken while it held more than two: it read on to keep eight, up to the list's end.
    expect(list.total()).toBe(12)
  })

  it('pauses when the items held across chains reach the cap', async () => {
    const list = fakeList(10)
    const readAhead = createReadAhead({ maxItems: 4 })
    readAhead.follow('acc|collaborators', null, { fetch: list.fetch, window: () => 10 }, true)
    await settle()
    expect(list.total()).toBe(2)
    await readAhead.take('acc|collaborators', null)
    await settle()
    expect(list.total()).toBe(3)
  })

  it('stops on a failed read and hands the failure to whoever takes that page', async () => {
    let reads = 0
    const failing = (): Promise<PayfitPage<unknown>> => {
      reads += 1
      return Promise.reject(new Error('PayFit is down'))
    }
    const readAhead = createReadAhead()
    readAhead.follow('acc|collaborators', null, { fetch: failing, window: () => 3 }, true)
    const taken = readAhead.take('acc|collaborators', null)
    await expect(taken).rejects.toThrow('PayFit is down')
    await settle()
    expect(reads).toBe(1)
    expect(readAhead.take('acc|collaborators', 't1')).toBeUndefined()
  })

  it('treats a fetcher that throws at once as a failed read', async () => {
    const throwing = (): Promise<PayfitPage<unknown>> => {
      throw new Error('bad query')
    }
    const readAhead = createReadAhead()
    readAhead.follow('acc|collaborators', null, { fetch: throwing, window: () => 3 }, true)
    await expect(readAhead.take('acc|collaborators', null)).rejects.toThrow('bad query')
  })

  it('starts no chain where the request said not to', async () => {
    const list = fakeList(3)
    const readAhead = createReadAhead()
    readAhead.follow('acc|collaborators', 't1', { fetch: list.fetch, window: () => 2 }, false)
    await settle()
    expect(list.total()).toBe(0)
  })
  it('holds a page that arrived untaken as its reply, and parses it again when it is taken', async () => {
    let parses = 0
    const fetch = (token: string | null): Promise<PayfitPage<unknown>> => {
      const parse = (): PayfitPage<unknown> => {
        parses += 1
        return rememberReply(
          { items: [`${token ?? ''}a`], nextPageToken: 't1', count: null },
          parse,
        )
      }
      return Promise.resolve(
        token === 't1' ? { items: [], nextPageToken: null, count: null } : parse(),
      )
    }
    const readAhead = createReadAhead()
    readAhead.follow('acc|collaborators', null, { fetch, window: () => 1 }, true)
    await settle()
    expect(parses).toBe(1)

    const page = await readAhead.take('acc|collaborators', null)
    expect(page?.items).toEqual(['a'])
    expect(parses).toBe(2)
  })
})
