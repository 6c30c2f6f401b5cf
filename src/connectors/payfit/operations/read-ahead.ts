import { keepable, readKept } from '../reply-source.ts'
import type { PayfitPage } from '../schemas.ts'
import type { PageFetcher } from './paging.ts'

/*
 * PayFit pages are chained by token, so a listing cannot read page k+1 before page k has come
 * back. While a listing waits on something slow (the contract index), a chain reads the pages
 * its next requests will ask for, one after the other, and holds them by token until a request
 * takes them: each page is read once and handed over once. A chain pauses when it holds its
 * window of pages, and stops at the end of the list, on a token it saw before or on any failure
 * (the request then reads the page itself).
 */
export interface ReadAheadLimits {
  /** Chains kept per listing: walkers of one account's list at different places. */
  chainsPerListing: number
  /** Listings (account and list) with chains; the least recently used goes first. */
  maxListings: number
  /** Items held across every chain; past it, chains pause. */
  maxItems: number
  /** A held page nobody took within this after it arrived is dropped. */
  ttlMs: number
}

export const defaultReadAheadLimits: ReadAheadLimits = {
  chainsPerListing: 4,
  maxListings: 100,
  // Two long walks' windows (operations/employees.ts), some 12 MB of collaborators each.
  maxItems: 20_000,
  // Longer than a request's 30 s deadline and the `Retry-After` that follows it, so the pages a
  // client waiting for a long contract walk will take are still held when it comes back.
  ttlMs: 45_000,
}

/** Where a chain reads and how far ahead it may go; the latest request's, so its deadline. */
export interface ReadAheadSource {
  fetch: PageFetcher<unknown>
  /** Pages the chain may hold untaken, given how many it holds (0: read only what is asked). */
  window: (held: number) => number
}

export interface ReadAhead {
  /**
   * Steers the chain of `listing` that has reached `token` (null: the first page) to the latest
   * request's source; without one, starts a chain there when `start` allows.
   */
  follow(listing: string, token: string | null, source: ReadAheadSource, start: boolean): void
  /** Hands over the page a chain holds or is reading for `token`, at most once. */
  take(listing: string, token: string | null): Promise<PayfitPage<unknown>> | undefined
  /** Items held across every chain. */
  heldItems(): number
  /** Stops the chains whose listing starts with `prefix` (all without one), dropping what they hold. */
  clear(prefix?: string): void
}

interface Held {
  /**
   * The read while in flight; once it arrived untaken, what reads the page again from its reply
   * when a request takes it (reply-source.ts), so a held page is kept as bytes.
   */
  page: Promise<PayfitPage<unknown>> | (() => PayfitPage<unknown>)
  items: number
  /** Infinity while the read is in flight. */
  expiresAtMs: number
}

interface Chain {
  held: Map<string, Held>
  seen: Set<string>
  /** The token read next; null once PayFit said there is nothing after. */
  next: string | null
  reading: boolean
  stopped: boolean
  source: ReadAheadSource
}

const firstPage = ''

export function createReadAhead(
  limits: Partial<ReadAheadLimits> = {},
  clock: { nowMs: () => number } = { nowMs: () => Date.now() },
): ReadAhead {
  const settings = { ...defaultReadAheadLimits, ...limits }
  const listings = new Map<string, Chain[]>()
  let heldItems = 0

  function release(chain: Chain, token: string, held: Held): void {
    if (chain.held.get(token) !== held) return
    chain.held.delete(token)
    heldItems -= held.items
  }

  function dropChain(chain: Chain): void {
    chain.stopped = true
    for (const [token, held] of chain.held) release(chain, token, held)
  }

  function sweep(): void {
    const now = clock.nowMs()
    for (const chains of listings.values()) {
      for (const chain of chains) {
        for (const [token, held] of chain.held) {
          if (held.expiresAtMs <= now) release(chain, token, held)
        }
      }
    }
  }

  function read(chain: Chain, token: string): Held {
    chain.seen.add(token)
    chain.reading = true
    const { fetch } = chain.source
    // A fetcher that throws at once fails this read like one that rejects.
    const reading = new Promise<PayfitPage<unknown>>((resolve) => {
      resolve(fetch(token === firstPage ? null : token))
    })
    const held: Held = { page: reading, items: 0, expiresAtMs: Number.POSITIVE_INFINITY }
    chain.held.set(token, held)
    reading.then(
      (page) => {
        chain.reading = false
        const next = page.items.length === 0 ? null : (page.nextPageToken ?? null)
        chain.next = next
        if (chain.held.get(token) === held) {
          held.items = page.items.length
          held.expiresAtMs = clock.nowMs() + settings.ttlMs
          heldItems += held.items
          held.page = keepable(page)
        }
        pump(chain)
      },
      () => {
        chain.reading = false
        release(chain, token, held)
        dropChain(chain)
      },
    )
    return held
  }

  function pump(chain: Chain): void {
    const token = chain.next
    if (chain.stopped || chain.reading || token === null) return
    if (chain.seen.has(token)) {
      dropChain(chain)
      return
    }
    if (chain.held.size >= chain.source.window(chain.held.size) || heldItems >= settings.maxItems)
      return
    read(chain, token)
  }

  function chainsOf(listing: string): Chain[] {
    const chains = listings.get(listing) ?? []
    listings.delete(listing)
    listings.set(listing, chains)
    for (const [key, old] of listings) {
      if (listings.size <= settings.maxListings) break
      old.forEach(dropChain)
      listings.delete(key)
    }
    return chains
  }

  return {
    follow(listing, token, source, start) {
      sweep()
      const key = token ?? firstPage
      const chains = chainsOf(listing).filter((chain) => !chain.stopped)
      // The chain that holds this page or reads it next; else one that went past it and goes
      // on (the client is back after a 408, and its chain must keep reading for it). A chain
      // that reached the end reads nothing more: a new walk from here gets a chain of its own.
      let chain =
        chains.find((c) => c.held.has(key) || c.next === key) ??
        chains.find((c) => c.seen.has(key) && c.next !== null)
      if (chain === undefined) {
        if (!start) return
        chain = {
          held: new Map(),
          seen: new Set(),
          next: key,
          reading: false,
          stopped: false,
          source,
        }
        chains.push(chain)
        while (chains.length > settings.chainsPerListing) {
          const oldest = chains.shift()
          if (oldest !== undefined) dropChain(oldest)
        }
      }
      listings.set(listing, chains)
      chain.source = source
      // The client is still there: what the chain holds for it stays.
      const expiresAtMs = clock.nowMs() + settings.ttlMs
      for (const held of chain.held.values()) {
        if (Number.isFinite(held.expiresAtMs)) held.expiresAtMs = expiresAtMs
      }
      pump(chain)
    },

    take(listing, token) {
      sweep()
      const key = token ?? firstPage
      for (const chain of listings.get(listing) ?? []) {
        if (chain.stopped) continue
        // The request asks for the page the chain reads next: the chain reads it, once.
        const held =
          chain.held.get(key) ??
          (chain.next === key && !chain.reading && !chain.seen.has(key)
            ? read(chain, key)
            : undefined)
        if (held === undefined) continue
        release(chain, key, held)
        pump(chain)
        return readKept(held.page)
      }
      return undefined
    },

    heldItems: () => heldItems,

    clear(prefix = '') {
      for (const [listing, chains] of listings) {
        if (!listing.startsWith(prefix)) continue
        chains.forEach(dropChain)
        listings.delete(listing)
      }
    },
  }
}
