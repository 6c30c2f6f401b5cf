import fs from 'node:fs'
import http from 'node:http'

import { upstreamPage } from './p1-upstream.ts'

/*
 * The least any process between a client and PayFit does for one unified page, for P1's
 * comparison: take the request, make the PayFit calls the hub makes for it, parse them, and
 * answer the collaborators as JSON. No authentication, storage, validation or mapping. The bench
 * runs it from its compiled build, with the hub's Node flags:
 *   node pass-through.js <sandbox url> <company id> <file of keys, a JSON array>
 * and reads `{"port": n}` from its first line.
 */
const [sandboxUrl = '', companyId = '', keysFile = ''] = process.argv.slice(2)
const readPage = upstreamPage(
  sandboxUrl,
  companyId,
  JSON.parse(fs.readFileSync(keysFile, 'utf8')) as string[],
)

const server = http.createServer((request, response) => {
  request.resume()
  readPage().then(
    ({ statuses, collaborators }) => {
      const status = statuses.find((each) => each !== 200) ?? 200
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ data: collaborators }))
    },
    () => {
      response.writeHead(502).end()
    },
  )
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  process.stdout.write(`${JSON.stringify({ port })}\n`)
})
process.on('SIGTERM', () => {
  server.close(() => process.exit(0))
  server.closeAllConnections()
})
