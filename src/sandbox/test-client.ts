import type { RunningSandbox } from './index.ts'

export interface CallResult {
  status: number
  headers: Headers
  body: unknown
  text: string
}

/** A small HTTP helper for the sandbox's tests: real requests over loopback, JSON decoded. */
export async function call(
  sandbox: Pick<RunningSandbox, 'url'>,
  path: string,
  options: { key?: string; method?: string; body?: unknown } = {},
): Promise<CallResult> {
  const headers: Record<string, string> = {}
  if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(sandbox.url + path, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  })
  const text = await response.text()
  const isJson = response.headers.get('content-type')?.includes('json') === true && text !== ''
  return {
    status: response.status,
    headers: response.headers,
    body: isJson ? (JSON.parse(text) as unknown) : undefined,
    text,
  }
}

/** Follows `meta.nextPageToken` until it is null, returning every item under `itemsKey`. */
export async function walk(
  sandbox: Pick<RunningSandbox, 'url'>,
  path: string,
  key: string,
  itemsKey: string,
  maxResults: number,
): Promise<{ items: Record<string, unknown>[]; pages: number }> {
  const items: Record<string, unknown>[] = []
  let token: string | null = null
  let pages = 0
  do {
    const separator = path.includes('?') ? '&' : '?'
    const query: string =
      `maxResults=${String(maxResults)}` +
      (token === null ? '' : `&nextPageToken=${encodeURIComponent(token)}`)
    const result = await call(sandbox, `${path}${separator}${query}`, { key })
    if (result.status !== 200)
      throw new Error(`page ${String(pages)} answered ${String(result.status)}`)
    const body = result.body as { meta: { nextPageToken: string | null } } & Record<string, unknown>
    items.push(...(body[itemsKey] as Record<string, unknown>[]))
    token = body.meta.nextPageToken
    pages++
  } while (token !== null)
  return { items, pages }
}
