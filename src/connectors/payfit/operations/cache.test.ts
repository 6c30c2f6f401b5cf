import { describe, expect, it } from 'vitest'

import { fakeClock } from '../../../../test/fake-clock.ts'
import { rememberReply } from '../reply-source.ts'
import { createReadCache } from './cache.ts'

/** A load that stays in flight until the test finishes it, counting how often it started. */
function slowLoad() {
  let finish: (value: string) => void = () => undefined
  let loads = 0
  return {
    load: () => {
      loads += 1
      return new Promise<string>((resolve) => {
        finish = resolve
      })
    },
    finish: (value: string) => {
      finish(value)
    },
    loads: () => loads,
  }
}

describe('read cache', () => {
  it('shares one load between concurrent readers of a key', async () => {
    const cache = createReadCache()
    let loads = 0
    const load = async () => {
      loads += 1
      await Promise.resolve()
      return 'value'
    }
    const values = await Promise.all([1, 2, 3].map(() => cache.get('a', load, () => 1)))
    expect(values).toEqual(['value', 'value', 'value'])
    expect(loads).toBe(1)
  })

  it('loads again once the entry is older than its time to live', async () => {
    const clock = fakeClock()
    const cache = createReadCache({ ttlMs: 1_000 }, clock)
    let loads = 0
    const load = () => Promise.resolve(++loads)
    expect(await cache.get('a', load, () => 1)).toBe(1)
    clock.advance(999)
    expect(await cache.get('a', load, () => 1)).toBe(1)
    clock.advance(1)
    expect(cache.peek('a')).toBeUndefined()
    expect(await cache.get('a', load, () => 1)).toBe(2)
  })

  it('keeps an entry used within its lifetime alive, up to its bound after the load', async () => {
    const clock = fakeClock()
    const cache = createReadCache({ ttlMs: 1_000 }, clock)
    let loads = 0
    const load = () => Promise.resolve(++loads)
    const use = { keepWhileUsedMs: 2_500 }
    expect(await cache.get('index', load, () => 1, use)).toBe(1)
    clock.advance(900)
    expect(await cache.get('index', load, () => 1, use)).toBe(1)
    clock.advance(900)
    expect(await cache.get('index', load, () => 1, use)).toBe(1)
    // Used at 1,800 ms it would live to 2,800 ms, but its bound ends it at 2,500 ms.
    clock.advance(699)
    expect(await cache.get('index', load, () => 1, use)).toBe(1)
    clock.advance(1)
    expect(await cache.get('index', load, () => 1, use)).toBe(2)
    // Unused for a lifetime, it is gone like any other entry.
    clock.advance(1_000)
    expect(await cache.get('index', load, () => 1, use)).toBe(3)
  })

  it('gives an entry a shorter lifetime when its use asks for one, never a longer', async () => {
    const clock = fakeClock()
    const cache = createReadCache({ ttlMs: 1_000 }, clock)
    let loads = 0
    const load = () => Promise.resolve(++loads)
    expect(await cache.get('page', load, () => 1, { ttlMs: 200 })).toBe(1)
    clock.advance(199)
    expect(await cache.get('page', load, () => 1, { ttlMs: 200 })).toBe(1)
    clock.advance(1)
    expect(await cache.get('page', load, () => 1, { ttlMs: 5_000 })).toBe(2)
    clock.advance(1_000)
    expect(await cache.get('page', load, () => 1, { ttlMs: 5_000 })).toBe(3)
  })

  it('sweeps expired entries nobody asked for again before evicting live ones', async () => {
    const clock = fakeClock()
    const cache = createReadCache({ ttlMs: 5_000, maxEntries: 2 }, clock)
    await cache.get(
      'company',
      () => Promise.resolve('kept'),
      () => 1,
    )
    await cache.get(
      'page',
      () => Promise.resolve('walked past'),
      () => 1,
      { ttlMs: 100 },
    )
    clock.advance(1_000)
    await cache.get(
      'next page',
      () => Promise.resolve('new'),
      () => 1,
      { ttlMs: 100 },
    )
    expect(await cache.peek('company')).toBe('kept')
  })

  it('keeps a load in flight when an account invalidates, so a write never starts a second', async () => {
    const cache = createReadCache()
    const slow = slowLoad()
    const first = cache.get('acc1|contracts', slow.load, () => 1)
    await cache.get(
      'acc1|company',
      () => Promise.resolve('Atelier'),
      () => 1,
    )
    cache.invalidate('acc1|')
    const second = cache.get('acc1|contracts', slow.load, () => 1)
    slow.finish('index')
    expect(await first).toBe('index')
    expect(await second).toBe('index')
    expect(slow.loads()).toBe(1)
    expect(cache.peek('acc1|company')).toBeUndefined()
  })

  it('starts the lifetime when a load ends, never while it is in flight', async () => {
    const clock = fakeClock()
    const cache = createReadCache({ ttlMs: 1_000 }, clock)
    const slow = slowLoad()
    const first = cache.get('index', slow.load, () => 1)
    clock.advance(5_000)
    const waiter = cache.get('index', slow.load, () => 1)
    expect(cache.peek('index')).toBe(first)
    slow.finish('built')
    expect(await waiter).toBe('built')
    expect(slow.loads()).toBe(1)

    clock.advance(999)
    expect(await cache.peek('index')).toBe('built')
    clock.advance(1)
    expect(cache.peek('index')).toBeUndefined()
  })

  it('never keeps a failed load', async () => {
    const cache = createReadCache()
    await expect(
      cache.get(
        'a',
        () => Promise.reject(new Error('down')),
        () => 1,
      ),
    ).rejects.toThrow()
    expect(
      await cache.get(
        'a',
        () => Promise.resolve('up'),
        () => 1,
      ),
    ).toBe('up')
  })

  it('forgets the least recently used entry past the entry cap', async () => {
    const cache = createReadCache({ maxEntries: 2 })
    await cache.get(
      'a',
      () => Promise.resolve(1),
      () => 1,
    )
    await cache.get(
      'b',
      () => Promise.resolve(2),
      () => 1,
    )
    await cache.get(
      'a',
      () => Promise.resolve(99),
      () => 1,
    )
    await cache.get(
      'c',
      () => Promise.resolve(3),
      () => 1,
    )
    expect(cache.peek('b')).toBeUndefined()
    expect(await cache.peek('a')).toBe(1)
  })

  it('does not keep a load heavier than the weight cap', async () => {
    const cache = createReadCache({ maxWeight: 10 })
    await cache.get(
      'big',
      () => Promise.resolve('x'),
      () => 11,
    )
    expect(cache.peek('big')).toBeUndefined()
  })

  it('keeps a walk heavier than the weight cap only for its hand-over', async () => {
    const clock = fakeClock()
    const cache = createReadCache({ maxWeight: 10 }, clock)
    const keep = { keepWhileUsedMs: 60_000, handOver: true }
    await cache.get(
      'big',
      () => Promise.resolve('x'),
      () => 11,
      keep,
    )
    clock.advance(9_999)
    expect(
      await cache.get(
        'big',
        () => Promise.resolve('again'),
        () => 11,
        keep,
      ),
    ).toBe('x')
    clock.advance(1)
    expect(cache.peek('big')).toBeUndefined()
  })

  it('keeps a walk just ended from eviction until a request comes back for it', async () => {
    const clock = fakeClock()
    const cache = createReadCache({ maxEntries: 1 }, clock)
    const walk = () => Promise.resolve('index')
    await cache.get('walked', walk, () => 1, { handOver: true })
    await cache.get(
      'other',
      () => Promise.resolve('page'),
      () => 1,
    )
    expect(await cache.peek('walked')).toBe('index')
    expect(await cache.get('walked', walk, () => 1, { handOver: true })).toBe('index')

    // Handed over: from now on the bounds apply to it like to any entry.
    await cache.get(
      'third',
      () => Promise.resolve('page'),
      () => 1,
    )
    expect(cache.peek('walked')).toBeUndefined()
  })

  it('lets a walk nobody came back for go after its hand-over', async () => {
    const clock = fakeClock()
    const cache = createReadCache({ maxEntries: 1 }, clock)
    await cache.get(
      'walked',
      () => Promise.resolve('index'),
      () => 1,
      { handOver: true },
    )
    clock.advance(10_000)
    await cache.get(
      'other',
      () => Promise.resolve('page'),
      () => 1,
    )
    expect(cache.peek('walked')).toBeUndefined()
  })
  it('keeps an entry used as a reply by what parses it again, a fresh value at each use', async () => {
    const cache = createReadCache()
    let parses = 0
    const parse = (): { items: string[] } => {
      parses += 1
      return rememberReply({ items: ['a', 'b'] }, parse)
    }
    const first = await cache.get(
      'acc|page',
      () => Promise.resolve(parse()),
      () => 2,
      {
        asReply: true,
      },
    )
    const again = await cache.get(
      'acc|page',
      () => Promise.reject(new Error('loaded twice')),
      () => 2,
      {
        asReply: true,
      },
    )
    expect(again).toEqual(first)
    expect(again).not.toBe(first)
    expect(parses).toBe(2)
  })
})
