import { badRequest } from './replies.ts'

export const DEFAULT_PAGE_SIZE = 10
export const MAX_PAGE_SIZE = 50

export interface PageRequest {
  limit: number
  /** Where the scan resumes in the underlying list (not the count of items already returned). */
  offset: number
  token: string | undefined
}

export interface Page<T> {
  items: T[]
  nextPageToken: string | null
}

/**
 * Tokens are base64 of `{"limit":…,"offset":…}`, the shape of PayFit's own examples (§5). An
 * explicit `maxResults` overrides the limit carried by the token.
 */
export function readPageRequest(query: {
  maxResults?: unknown
  nextPageToken?: unknown
}): PageRequest {
  const token =
    typeof query.nextPageToken === 'string' && query.nextPageToken !== ''
      ? query.nextPageToken
      : undefined
  const fromToken = token === undefined ? undefined : decodeToken(token)
  let limit = fromToken?.limit ?? DEFAULT_PAGE_SIZE
  if (query.maxResults !== undefined) {
    const text = typeof query.maxResults === 'string' ? query.maxResults : ''
    const value = Number(text)
    if (!/^\d+$/.test(text) || value < 1 || value > MAX_PAGE_SIZE) {
      throw badRequest(`"maxResults" must be an integer between 1 and ${String(MAX_PAGE_SIZE)}.`)
    }
    limit = value
  }
  return { limit, offset: fromToken?.offset ?? 0, token }
}

export function encodeToken(limit: number, offset: number): string {
  return Buffer.from(JSON.stringify({ limit, offset })).toString('base64')
}

function decodeToken(token: string): { limit: number; offset: number } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'))
    if (typeof parsed === 'object' && parsed !== null && 'limit' in parsed && 'offset' in parsed) {
      const { limit, offset } = parsed
      if (
        Number.isInteger(limit) &&
        Number.isInteger(offset) &&
        typeof limit === 'number' &&
        typeof offset === 'number' &&
        limit >= 1 &&
        limit <= MAX_PAGE_SIZE &&
        offset >= 0
      ) {
        return { limit, offset }
      }
    }
  } catch {
    // Falls through to the 400 below: a token we cannot read is the caller's error.
  }
  throw badRequest('"nextPageToken" is invalid.')
}

/**
 * Takes up to `limit` accepted items starting at `offset`, reading `source` from the start or,
 * for newest-first lists, from the end. The next token is null once nothing accepted remains.
 */
export function collectPage<T, R>(
  source: readonly T[],
  request: PageRequest,
  select: (item: T) => R | undefined,
  direction: 'forward' | 'backward' = 'forward',
): Page<R> {
  const at = (position: number): T | undefined =>
    source[direction === 'forward' ? position : source.length - 1 - position]
  const items: R[] = []
  let position = request.offset
  for (; position < source.length && items.length < request.limit; position++) {
    const item = at(position)
    const selected = item === undefined ? undefined : select(item)
    if (selected !== undefined) items.push(selected)
  }
  for (let ahead = position; ahead < source.length; ahead++) {
    const item = at(ahead)
    if (item !== undefined && select(item) !== undefined) {
      return { items, nextPageToken: encodeToken(request.limit, position) }
    }
  }
  return { items, nextPageToken: null }
}
