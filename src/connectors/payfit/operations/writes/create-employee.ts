import type { CreatedRecord, WriteOptions } from '../../../../unified/write-operations.ts'
import type { CreateEmployeeRequest } from '../../../../unified/writes.ts'
import type { PayfitCollaborator, PayfitCollaboratorInput } from '../../schemas.ts'
import type { PayfitContext } from '../context.ts'
import { employeeToCollaboratorInput } from './collaborator-input.ts'
import { sendWrite } from './send-write.ts'

/** `POST /unified/hris/employees` → PayFit's create collaborator (payfit-api §9.9). */
export async function createEmployee(
  context: PayfitContext,
  request: CreateEmployeeRequest,
  options: WriteOptions,
): Promise<CreatedRecord> {
  const company = await context.company()
  const input = employeeToCollaboratorInput(request, company.country, context.today)

  if (options.reconcile) {
    const found = await findCollaborator(context, input)
    if (found !== undefined) {
      return created(found.id, 'Employee created (found in PayFit after an unanswered attempt)')
    }
  }
  const reply = await sendWrite(() => context.client.createCollaborator(context.companyId, input))
  return created(reply.collaboratorId, 'Employee created')
}

function created(id: string, message: string): CreatedRecord {
  return { id, remoteId: id, message }
}

/**
 * PayFit has no duplicate check and no search by personal email (its `email` filter reads
 * professional emails), so this walks every collaborator: ceil(N/50) calls. A match has the
 * same first and last name and, when PayFit shows personal emails (`collaborators:personal:read`),
 * the same personal email. New collaborators come last, so the last match is the newest.
 */
async function findCollaborator(
  context: PayfitContext,
  input: PayfitCollaboratorInput,
): Promise<PayfitCollaborator | undefined> {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()
  const listPage = (page: { maxResults: number; nextPageToken?: string }) =>
    context.client.listCollaborators(context.companyId, page)
  let found: PayfitCollaborator | undefined
  for await (const page of context.client.pages(listPage)) {
    for (const collaborator of page.items) {
      if (!same(collaborator.firstName, input.firstName)) continue
      if (!same(collaborator.lastName, input.lastName)) continue
      const personal = collaborator.emails.filter((email) => email.type === 'personal')
      if (personal.length > 0 && !personal.some((e) => same(e.email, input.personalEmail))) {
        continue
      }
      found = collaborator
    }
  }
  return found
}
