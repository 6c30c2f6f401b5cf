import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import { companyPath, firstCollaboratorId, hex24, useRouteSandbox } from './route-test-fixture.ts'
import { call } from './test-client.ts'

const { sandbox, fr } = useRouteSandbox()

describe('payslips', () => {
  it('lists payslips with relative URLs and serves each as a PDF', async () => {
    const id = await firstCollaboratorId(sandbox, fr)
    const result = await call(sandbox, companyPath(fr, `/collaborators/${id}/payslips`), {
      key: fr.keys.full,
    })
    const payslip = z.strictObject({
      year: z.string().regex(/^\d{4}$/),
      month: z.string().regex(/^(0[1-9]|1[0-2])$/),
      contractId: hex24,
      payslipId: hex24,
      payslipUrl: z.string(),
    })
    const body = z.strictObject({ payslips: z.array(payslip).min(1) }).parse(result.body)
    const first = body.payslips[0]
    expect(first?.payslipUrl).toBe(
      `/companies/${fr.id}/collaborators/${id}/contracts/${first?.contractId ?? ''}/payslips/${first?.payslipId ?? ''}`,
    )

    const pdf = await fetch(sandbox.url + (first?.payslipUrl ?? ''), {
      headers: { authorization: `Bearer ${fr.keys.full}`, accept: 'application/pdf' },
    })
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const bytes = Buffer.from(await pdf.arrayBuffer())
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(bytes.subarray(-6).toString()).toContain('%%EOF')

    const wrong = await call(
      sandbox,
      companyPath(
        fr,
        `/collaborators/${id}/contracts/${first?.contractId ?? ''}/payslips/ffffffffffffffffffffffff`,
      ),
      {
        key: fr.keys.full,
      },
    )
    expect(wrong.status).toBe(404)
  })
})
