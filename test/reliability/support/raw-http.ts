import net from 'node:net'

export interface RawAnswer {
  status: number
  headers: Record<string, string>
  body: string
  /** No complete answer within the bound. */
  hung: boolean
}

export interface RawRequest {
  method: string
  /** Sent as is on the request line: not normalised, not encoded. */
  target: string
  headers: [string, string][]
  body?: Buffer
}

/**
 * HTTP/1.1 over a bare socket, so a test can send what fetch refuses to: raw bytes in the path,
 * control characters in headers, a body that disagrees with its Content-Length.
 */
export function rawRequest(port: number, request: RawRequest, boundMs = 10_000) {
  return new Promise<RawAnswer>((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const timer = setTimeout(() => {
      socket.destroy()
      resolve({ status: 0, headers: {}, body: '', hung: true })
    }, boundMs)
    const lines = [`${request.method} ${request.target} HTTP/1.1`, 'host: 127.0.0.1']
    for (const [name, value] of request.headers) lines.push(`${name}: ${value}`)
    if (request.body !== undefined) lines.push(`content-length: ${String(request.body.length)}`)
    lines.push('connection: close', '', '')
    socket.on('connect', () => {
      socket.write(Buffer.from(lines.join('\r\n'), 'latin1'))
      if (request.body !== undefined) socket.write(request.body)
    })
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', () => undefined)
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(parseAnswer(Buffer.concat(chunks)))
    })
  })
}

function parseAnswer(bytes: Buffer): RawAnswer {
  const text = bytes.toString('utf8')
  const split = text.indexOf('\r\n\r\n')
  const head = split === -1 ? text : text.slice(0, split)
  let body = split === -1 ? '' : text.slice(split + 4)
  const [statusLine = '', ...headerLines] = head.split('\r\n')
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0)
  const headers: Record<string, string> = {}
  for (const line of headerLines) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  if (headers['transfer-encoding'] === 'chunked') body = unchunk(body)
  return { status, headers, body, hung: false }
}

function unchunk(body: string): string {
  let rest = body
  let out = ''
  for (;;) {
    const end = rest.indexOf('\r\n')
    const size = Number.parseInt(rest.slice(0, end), 16)
    if (end === -1 || Number.isNaN(size) || size === 0) return out
    out += rest.slice(end + 2, end + 2 + size)
    rest = rest.slice(end + 2 + size + 2)
  }
}

/** Percent-encodes every byte outside the unreserved set; lone surrogates become U+FFFD. */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('')
}
