import fs from 'node:fs'
import http from 'node:http'

import type { EmploymentFacts } from '../src/connectors/payfit/mapping.ts'
import { employeeMapper } from '../src/connectors/payfit/mapping/employee.ts'
import {
  employmentFactsOf,
  type AnyPayfitContract,
} from '../src/connectors/payfit/mapping/employment.ts'
import type { PayfitCollaborator, PayfitCompany } from '../src/connectors/payfit/schemas.ts'
import { listBody } from '../src/http/unified/list-body.ts'
import { upstreamPage } from './p1-upstream.ts'

/*
 * The least any process between a client and PayFit does for one unified page, for P1's
 * comparison: take the request, make the PayFit calls the hub makes for it, parse them, and
 * answer the collaborators as JSON. No authentication, storage, validation or mapping. With
 * `employees`, it is the least a hub speaking StackOne's protocol does: it also maps the
 * collaborators and their contracts to StackOne's employee with the hub's own mapping and writes
 * the page as the hub writes it (still no authentication, storage, validation, cache or HTTP
 * framework). The bench runs it from its compiled build, with the hub's Node flags:
 *   node pass-through.js <sandbox url> <company id> <file of keys, a JSON array> [employees]
 * and reads `{"port": n}` from its first line.
 */
const [sandboxUrl = '', companyId = '', keysFile = '', answer = 'collaborators'] =
  process.argv.slice(2)
const readPage = upstreamPage(
  sandboxUrl,
  companyId,
  JSON.parse(fs.readFileSync(keysFile, 'utf8')) as string[],
)
const today = new Date().toISOString().slice(0, 10)

/** StackOne's employees for the page, as the hub maps and writes them. */
function employeesBody(company: unknown, collaborators: unknown, contracts: unknown[]): Buffer {
  const byCollaborator = new Map<string, EmploymentFacts[]>()
  for (const contract of contracts as AnyPayfitContract[]) {
    const facts = employmentFactsOf(contract)
    byCollaborator.set(facts.collaboratorId, [
      ...(byCollaborator.get(facts.collaboratorId) ?? []),
      facts,
    ])
  }
  const toEmployee = employeeMapper(company as PayfitCompany, today)
  const data = (collaborators as PayfitCollaborator[]).map((collaborator) =>
    toEmployee(collaborator, byCollaborator.get(collaborator.id) ?? []),
  )
  const page = { data, next: null }
  return listBody(page)
}

const server = http.createServer((request, response) => {
  request.resume()
  readPage()
    .then(({ statuses, collaborators, company, contracts }) => {
      const status = statuses.find((each) => each !== 200) ?? 200
      // A failed PayFit call has no page to map: its status goes back as it came.
      const body =
        status !== 200
          ? ''
          : answer === 'employees'
            ? employeesBody(company, collaborators, contracts)
            : JSON.stringify({ data: collaborators })
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(body)
    })
    .catch(() => {
      response.writeHead(502).end()
    })
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
