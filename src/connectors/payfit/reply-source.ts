/*
 * A parsed PayFit page takes several times the bytes it was read from, all of it on V8's heap,
 * where the collector copies and marks it for as long as something holds it. What holds a page
 * for later (a read-ahead chain, the read cache) keeps the reply's bytes instead, outside the
 * heap, and parses them again when the page is handed over.
 */
const sources = new WeakMap<object, () => object>()

/** Records that `value` can be had again by `readAgain` (parsing the reply it came from). */
export function rememberReply<T extends object>(value: T, readAgain: () => T): T {
  sources.set(value, readAgain)
  return value
}

/**
 * What to hold instead of `value` to have it again later: a fresh parse of its reply when the
 * reply is known, else the value itself.
 */
export function keepable<T extends object>(value: T): () => T {
  const readAgain = sources.get(value) as (() => T) | undefined
  return readAgain ?? (() => value)
}

/**
 * What a holder keeps, as the value a caller waits for: a load still in flight as it is, or what
 * `keepable` gave read again.
 */
export function readKept<T>(kept: Promise<T> | (() => T)): Promise<T> {
  if (typeof kept !== 'function') return kept
  // A promise for it, so that a failed parse reaches the caller as a rejection, not a throw.
  return new Promise((resolve) => {
    resolve(kept())
  })
}
