import { describe, expect, it } from 'vitest'

import { selectFields } from './select-fields.ts'

const employee = { id: 'e1', name: 'Ada', work_email: 'ada@example.com' }

describe('selectFields', () => {
  it('keeps only the requested top-level fields and ignores unknown names', () => {
    expect(selectFields(employee, ['id', 'name', 'nope'])).toEqual({ id: 'e1', name: 'Ada' })
  })

  it('keeps every field when no selection is given', () => {
    expect(selectFields(employee, null)).toEqual(employee)
    expect(selectFields(employee, [])).toEqual(employee)
  })
})
