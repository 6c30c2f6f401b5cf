import type { FastifyInstance } from 'fastify'
import { z } from 'zod'

import { creatableAbsenceTypes } from './absence-types.ts'
import { isValidDate, toDays } from './dates.ts'
import { collectPage, readPageRequest } from './pagination.ts'
import { readOptionalDate, type Query } from './query.ts'
import { badRequest, notFound, unprocessable } from './replies.ts'
import { parseBody } from './request-view.ts'
import { companyOf, route } from './route-spec.ts'
import type { SandboxState } from './state.ts'
import type { AbsenceRecord, AbsenceStatus, Moment } from './types.ts'
import { renderAbsence } from './views.ts'

const statuses: readonly AbsenceStatus[] = [
  'approved',
  'pending_approval',
  'declined',
  'cancelled',
  'pending_cancellation',
]

const boundarySchema = z.object({
  date: z.string().refine(isValidDate),
  moment: z.enum(['beginning-of-day', 'middle-of-day', 'end-of-day']),
})

const createAbsenceSchema = z.object({
  contractId: z.string().min(1),
  type: z.string().min(1),
  startDate: boundarySchema,
  endDate: boundarySchema,
})

export function registerAbsenceRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get(
    '/companies/:companyId/absences',
    route('absences.list', 'read', 'time:read'),
    (request) => {
      const query = request.query as Query
      const page = readPageRequest(query)
      const wanted = readStatuses(query.status)
      const beginDate = readOptionalDate(query, 'beginDate')
      const endDate = readOptionalDate(query, 'endDate')
      const { absences, absencesByContract } = companyOf(request)
      const source =
        query.contractId === undefined ? absences : (absencesByContract.get(query.contractId) ?? [])

      const result = collectPage(
        source,
        page,
        (absence) =>
          wanted.has(absence.status) &&
          (beginDate === undefined || absence.endDate.date >= beginDate) &&
          (endDate === undefined || absence.startDate.date <= endDate)
            ? renderAbsence(absence)
            : undefined,
        'backward',
      )
      return {
        absences: result.items,
        meta: { nextPageToken: result.nextPageToken, count: result.items.length },
      }
    },
  )

  app.post(
    '/companies/:companyId/absences',
    route('absences.create', 'write', 'time:write'),
    async (request, reply) => {
      const { company, contractsById, absences, absencesById, absencesByContract } =
        companyOf(request)
      const body = parseBody(createAbsenceSchema, request.body)
      if (!creatableAbsenceTypes[company.country].has(body.type)) {
        throw badRequest(`Absence type "${body.type}" cannot be created for this company.`)
      }
      if (!contractsById.has(body.contractId)) {
        throw badRequest('Field "contractId" does not match a contract of this company.')
      }
      const span = halfDaySpan(body.startDate, body.endDate)
      const existing = absencesByContract.get(body.contractId) ?? []
      const clash = existing.some((absence) => {
        if (absence.status === 'cancelled' || absence.status === 'declined') return false
        const other = halfDaySpan(absence.startDate, absence.endDate)
        return span.first < other.end && other.first < span.end
      })
      if (clash) throw unprocessable('The absence overlaps an existing absence.')

      const absence: AbsenceRecord = {
        id: state.random.objectId(),
        contractId: body.contractId,
        type: body.type,
        status: 'approved',
        startDate: body.startDate,
        endDate: body.endDate,
      }
      absences.push(absence)
      absencesById.set(absence.id, absence)
      absencesByContract.set(body.contractId, [...existing, absence])
      return reply.code(201).send({ id: absence.id })
    },
  )

  app.delete(
    '/companies/:companyId/absences/:absenceId',
    route('absences.cancel', 'write', 'time:write'),
    async (request, reply) => {
      const { absenceId } = request.params as { absenceId: string }
      const absence = companyOf(request).absencesById.get(absenceId)
      if (absence === undefined) throw notFound()
      absence.status = 'cancelled'
      return reply.code(204).send()
    },
  )
}

/** `status` is one value, a comma-separated list, or `all` alone; absent means approved (§9.28). */
function readStatuses(value: string | undefined): ReadonlySet<AbsenceStatus> {
  if (value === undefined) return new Set(['approved'])
  if (value === 'all') return new Set(statuses)
  const parts = value.split(',').map((part) => part.trim())
  const known = parts.filter((part): part is AbsenceStatus =>
    (statuses as readonly string[]).includes(part),
  )
  if (known.length !== parts.length) {
    throw badRequest('Field "status" must be "all" or a list of absence statuses.')
  }
  return new Set(known)
}

/**
 * An absence as half-days `[first, end)`. It must start in the morning or at mid-day, end at
 * mid-day or in the evening, and last at least half a day.
 */
function halfDaySpan(
  start: { date: string; moment: Moment },
  end: { date: string; moment: Moment },
): { first: number; end: number } {
  if (start.moment === 'end-of-day') throw badRequest('Field "startDate.moment" is invalid.')
  if (end.moment === 'beginning-of-day') throw badRequest('Field "endDate.moment" is invalid.')
  const first = toDays(start.date) * 2 + (start.moment === 'middle-of-day' ? 1 : 0)
  const last = toDays(end.date) * 2 + (end.moment === 'middle-of-day' ? 1 : 2)
  if (last <= first) throw badRequest('Field "endDate" must not precede "startDate".')
  return { first, end: last }
}
