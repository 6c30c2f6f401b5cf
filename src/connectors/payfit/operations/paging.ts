import { createHash } from 'node:crypto'

import { z } from 'zod'

import { InvalidRequestError, ProviderError } from '../../../errors.ts'
import type { CursorState } from '../../../unified/cursor.ts'
import type { HrisPage, ListRequest } from '../../../unified/operations.ts'
import type { PayfitPage } from '../schemas.ts'

/*
 * A unified page is cut out of PayFit's 50-item pages. The cursor remembers the PayFit token
 * that fetches the page where the next unified page starts (`t`, null for the first page), the
 * offset inside it (`o`) and short digests of the tokens already followed (`h`), so a PayFit
 * token that comes back is caught across requests, not only within one.
 */
const walkCursorSchema = z.object({
  t: z.string().nullable(),
  o: z.number().int().min(0).max(10_000),
  h: z.array(z.string()).max(64),
})
type WalkCursor = z.infer<typeof walkCursorSchema>

const offsetCursorSchema = z.object({ o: z.number().int().min(1) })

const maxRememberedTokens = 32
// A filter that matches nothing would otherwise walk the whole company in one request; a short
// page with a cursor is legal, so the walk stops here and the caller goes on from the cursor.
const maxProviderPagesPerSpan = 10

function parseCursor<T>(schema: z.ZodType<T>, state: CursorState): T {
  const parsed = schema.safeParse(state)
  if (!parsed.success) {
    throw new InvalidRequestError('The next cursor is malformed or belongs to another listing')
  }
  return parsed.data
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url').slice(0, 12)
}

function repeatedToken(token: string): ProviderError {
  return new ProviderError('PayFit sent a page token it had already sent; paging stopped', [
    { status: 200, url: null, raw: { nextPageToken: token } },
  ])
}

export type PageFetcher<T> = (token: string | null) => Promise<PayfitPage<T>>

/**
 * Reads PayFit pages from the cursor on until `pageSize` items pass `keep`, PayFit has no more,
 * or ten PayFit pages were read. A full unified page costs one or two PayFit calls (more when a
 * filter drops items, ten at most: the page then comes back short, with a cursor).
 */
export async function walkSpan<T>(
  fetchPage: PageFetcher<T>,
  list: ListRequest,
  keep: (item: T) => boolean = () => true,
): Promise<HrisPage<T>> {
  const start = list.cursor === null ? null : parseCursor(walkCursorSchema, list.cursor)
  let token = start?.t ?? null
  let offset = start?.o ?? 0
  const history = [...(start?.h ?? [])]
  const data: T[] = []

  for (let fetched = 1; ; fetched += 1) {
    const page = await fetchPage(token)
    for (let index = offset; index < page.items.length; index += 1) {
      const item = page.items[index] as T
      if (keep(item)) data.push(item)
      if (data.length < list.pageSize) continue
      if (index + 1 < page.items.length) return { data, next: cursorAt(token, index + 1, history) }
      return { data, next: nextPageCursor(page.nextPageToken, token, history) }
    }
    const nextToken = nextPageCursor(page.nextPageToken, token, history)?.t ?? null
    if (nextToken === null || page.items.length === 0) return { data, next: null }
    if (fetched >= maxProviderPagesPerSpan) {
      return { data, next: nextPageCursor(page.nextPageToken, token, history) }
    }
    if (token !== null) history.push(digest(token))
    token = nextToken
    offset = 0
  }
}

/** The PayFit token of the page a unified page starts in (null: the first page). */
export function spanStartToken(list: ListRequest): string | null {
  return list.cursor === null ? null : parseCursor(walkCursorSchema, list.cursor).t
}

function cursorAt(token: string | null, offset: number, history: string[]): WalkCursor {
  return { t: token, o: offset, h: history.slice(-maxRememberedTokens) }
}

/** The cursor of the page after `token`, refusing a token PayFit already handed out. */
function nextPageCursor(
  nextToken: string | null,
  token: string | null,
  history: string[],
): WalkCursor | null {
  if (nextToken === null) return null
  if (nextToken === token || history.includes(digest(nextToken))) throw repeatedToken(nextToken)
  const followed = token === null ? history : [...history, digest(token)]
  return cursorAt(nextToken, 0, followed)
}

/** Pages through a list already in memory (an employee's contracts, the time off types…). */
export function pageOf<T>(items: readonly T[], list: ListRequest): HrisPage<T> {
  const offset = list.cursor === null ? 0 : parseCursor(offsetCursorSchema, list.cursor).o
  const data = items.slice(offset, offset + list.pageSize)
  const end = offset + data.length
  return { data, next: end < items.length ? { o: end } : null }
}
