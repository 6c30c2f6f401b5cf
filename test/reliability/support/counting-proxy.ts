import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface CountingProxy {
  url: string
  /** `METHOD /path` of every request that arrived since the last reset, query left out. */
  seen(): string[]
  reset(): void
  close(): Promise<void>
}

/**
 * A loopback pass-through in front of the sandbox that counts requests on arrival. The sandbox's
 * own stats count a request once it is answered, so an attempt the hub abandoned (a timeout) or
 * whose body was cut would not show there yet. Failures pass through as they are: a reset or a
 * cut body upstream resets the hub's connection too.
 */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target)
  let seen: string[] = []
  const server = http.createServer((request, response) => {
    seen.push(`${request.method ?? ''} ${(request.url ?? '').split('?')[0] ?? ''}`)
    const forwarded = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(response)
        answer.on('aborted', () => response.destroy())
        answer.on('error', () => response.destroy())
      },
    )
    forwarded.on('error', () => response.destroy())
    response.on('close', () => {
      if (!response.writableFinished) forwarded.destroy()
    })
    request.pipe(forwarded)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${String(port)}`,
    seen: () => [...seen],
    reset: () => {
      seen = []
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve()
        })
      })
    },
  }
}
