const open = Buffer.from('{"data":[')
const comma = Buffer.from(',')

/**
 * A list page as the UTF-8 bytes `JSON.stringify` would give, built item by item. A page of
 * employees is some 150 kB: as one string it lands in V8's large-object space, which only a full
 * collection frees, so a hub paging through a large company grew by a page per request until V8
 * decided to collect. Small per-item strings die young, and the joined bytes live outside the
 * heap until the socket has sent them.
 */
export function listBody(body: { data: readonly object[] }): Buffer {
  const { data, ...rest } = body
  const parts: Buffer[] = [open]
  data.forEach((item, index) => {
    if (index > 0) parts.push(comma)
    parts.push(Buffer.from(JSON.stringify(item)))
  })
  const tail = JSON.stringify(rest)
  parts.push(Buffer.from(tail === '{}' ? ']}' : `],${tail.slice(1)}`))
  return Buffer.concat(parts)
}
