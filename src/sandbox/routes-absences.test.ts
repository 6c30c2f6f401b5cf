import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import { companyPath, date, hex24, meta, useRouteSandbox } from './route-test-fixture.ts'
import { call } from './test-client.ts'

const moment = z.enum(['beginning-of-day', 'middle-of-day', 'end-of-day'])
const absenceSchema = z.strictObject({
  id: hex24,
  contractId: hex24,
  type: z.string().regex(/^((fr|es|uk)_[a-z_0-9]+|other)$/),
  status: z.enum(['approved', 'pending_approval', 'declined', 'cancelled', 'pending_cancellation']),
  startDate: z.strictObject({ date, moment }),
  endDate: z.strictObject({ date, moment }),
})

const { sandbox, fr } = useRouteSandbox()

describe('listing absences', () => {
  it('lists approved absences by default with the documented shape', async () => {
    const result = await call(sandbox, companyPath(fr, '/absences?maxResults=50'), {
      key: fr.keys.full,
    })
    const body = z.strictObject({ absences: z.array(absenceSchema), meta }).parse(result.body)
    expect(body.absences.length).toBeGreaterThan(0)
    expect(body.absences.every((a) => a.status === 'approved')).toBe(true)
  })

  it('filters by contract, status list and overlapping period', async () => {
    const result = await call(
      sandbox,
      companyPath(
        fr,
        '/absences?status=approved,declined&beginDate=2026-01-01&endDate=2026-03-31&maxResults=50',
      ),
      { key: fr.keys.full },
    )
    const absences = (result.body as { absences: z.infer<typeof absenceSchema>[] }).absences
    for (const absence of absences) {
      expect(['approved', 'declined']).toContain(absence.status)
      expect(absence.endDate.date >= '2026-01-01').toBe(true)
      expect(absence.startDate.date <= '2026-03-31').toBe(true)
    }
    const contractId = absences[0]?.contractId ?? ''
    const byContract = await call(
      sandbox,
      companyPath(fr, `/absences?status=all&contractId=${contractId}&maxResults=50`),
      {
        key: fr.keys.full,
      },
    )
    const own = (byContract.body as { absences: { contractId: string }[] }).absences
    expect(own.length).toBeGreaterThan(0)
    expect(own.every((a) => a.contractId === contractId)).toBe(true)
  })

  it('refuses an unknown status, "all" combined, and a bad date with 400', async () => {
    for (const query of ['status=done', 'status=all,approved', 'beginDate=2026-13-01']) {
      const result = await call(sandbox, companyPath(fr, `/absences?${query}`), {
        key: fr.keys.full,
      })
      expect(result.status).toBe(400)
      expect(result.body).toMatchObject({
        code: 400,
        error: 'Bad request',
        details: expect.any(String) as unknown,
      })
    }
  })
})

describe('creating and cancelling absences', () => {
  const someContract = async (): Promise<string> => {
    const list = await call(sandbox, `/companies/${fr.id}/contracts?maxResults=50`, {
      key: fr.keys.full,
    })
    const contracts = (list.body as { contracts: { contractId: string; status: string }[] })
      .contracts
    return contracts.find((c) => c.status === 'ACTIVE')?.contractId ?? ''
  }
  const half = (date: string, moment: string) => ({ date, moment })
  const paidLeave = async (first: string, last: string) => ({
    contractId: await someContract(),
    type: 'fr_conges_payes',
    startDate: half(first, 'beginning-of-day'),
    endDate: half(last, 'end-of-day'),
  })
  const postAbsence = (body: unknown) =>
    call(sandbox, `/companies/${fr.id}/absences`, { method: 'POST', key: fr.keys.full, body })

  it('creates an approved absence that lists until it is cancelled', async () => {
    const contractId = await someContract()
    const created = await postAbsence({
      contractId,
      type: 'fr_rtt',
      startDate: half('2027-02-01', 'middle-of-day'),
      endDate: half('2027-02-01', 'end-of-day'),
    })
    expect(created.status).toBe(201)
    const { id } = created.body as { id: string }
    expect(id).toMatch(/^[0-9a-f]{24}$/)

    const listed = await call(
      sandbox,
      `/companies/${fr.id}/absences?contractId=${contractId}&maxResults=50`,
      { key: fr.keys.full },
    )
    expect((listed.body as { absences: { id: string; status: string }[] }).absences).toContainEqual(
      expect.objectContaining({ id, status: 'approved' }),
    )

    const cancelled = await call(sandbox, `/companies/${fr.id}/absences/${id}`, {
      method: 'DELETE',
      key: fr.keys.full,
      body: { comment: 'Plans changed' },
    })
    expect(cancelled.status).toBe(204)
    const ids = async (query: string) => {
      const result = await call(
        sandbox,
        `/companies/${fr.id}/absences?contractId=${contractId}&maxResults=50${query}`,
        { key: fr.keys.full },
      )
      return (result.body as { absences: { id: string }[] }).absences.map((a) => a.id)
    }
    expect(await ids('')).not.toContain(id)
    expect(await ids('&status=cancelled')).toContain(id)
    expect(await ids('&status=all')).toContain(id)
  })

  it('refuses an overlapping absence with 422', async () => {
    const body = await paidLeave('2027-03-01', '2027-03-05')
    expect((await postAbsence(body)).status).toBe(201)
    const overlap = await postAbsence({
      ...body,
      startDate: half('2027-03-05', 'middle-of-day'),
      endDate: half('2027-03-06', 'end-of-day'),
    })
    expect(overlap.status).toBe(422)
  })

  it.each([
    [{ type: 'fr_maternite' }, 'type not creatable'],
    [{ type: 'uk_annual_leave' }, 'type of another country'],
    [
      {
        startDate: { date: '2027-04-02', moment: 'beginning-of-day' },
        endDate: { date: '2027-04-01', moment: 'end-of-day' },
      },
      'end before start',
    ],
    [
      {
        startDate: { date: '2027-04-01', moment: 'middle-of-day' },
        endDate: { date: '2027-04-01', moment: 'middle-of-day' },
      },
      'empty half day',
    ],
    [{ startDate: { date: '2027-04-01', moment: 'noon' } }, 'unknown moment'],
    [{ contractId: 'ffffffffffffffffffffffff' }, 'unknown contract'],
  ] as [Record<string, unknown>, string][])('refuses %j with 400 (%s)', async (change) => {
    const result = await postAbsence({
      ...(await paidLeave('2027-04-01', '2027-04-01')),
      ...change,
    })
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({ code: 400, error: 'Bad request' })
  })

  it('answers 404 when cancelling an unknown absence', async () => {
    const result = await call(sandbox, `/companies/${fr.id}/absences/ffffffffffffffffffffffff`, {
      method: 'DELETE',
      key: fr.keys.full,
    })
    expect(result.status).toBe(404)
  })
})
