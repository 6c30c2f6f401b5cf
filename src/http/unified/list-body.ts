/** Items written per string: some 30 kB of employees, far below V8's large-object size. */
const itemsPerString = 10
const comma = 0x2c

/**
 * A list page as the UTF-8 bytes `JSON.stringify` would give, built a few items at a time. A
 * page of employees is some 150 kB: as one string it lands in V8's large-object space, which
 * only a full collection frees, so a hub paging through a large company grew by a page per
 * request until V8 decided to collect. Strings of a few items die young, and the page is
 * written once into a buffer that lives outside the heap until the socket has sent it.
 */
export function listBody(body: { data: readonly object[] }): Buffer {
  const { data, ...rest } = body
  // `[a,b]` and `[c]` are written as `[a,b,c]`: each string's `[` overwrites the `]` before it.
  const arrays: string[] = []
  for (let start = 0; start < data.length; start += itemsPerString) {
    arrays.push(JSON.stringify(data.slice(start, start + itemsPerString)))
  }
  if (arrays.length === 0) arrays.push('[]')
  const tail = JSON.stringify(rest)
  const head = '{"data":'
  const end = tail === '{}' ? '}' : `,${tail.slice(1)}`
  let size = head.length + Buffer.byteLength(end) - (arrays.length - 1)
  for (const array of arrays) size += Buffer.byteLength(array)

  const bytes = Buffer.allocUnsafe(size)
  let offset = bytes.write(head, 0, 'latin1')
  arrays.forEach((array, index) => {
    if (index > 0) offset -= 1
    const start = offset
    offset += bytes.write(array, offset)
    if (index > 0) bytes[start] = comma
  })
  bytes.write(end, offset)
  return bytes
}
