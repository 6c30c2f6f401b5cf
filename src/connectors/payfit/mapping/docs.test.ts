import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { docPath, renderMappingDoc } from './docs.ts'
import { timeOffTypeByAbsenceType } from './enums.ts'

describe('docs/mapping.md', () => {
  it('matches what the mapping tables render (run npx tsx scripts/mapping-table.js to refresh)', async () => {
    expect(readFileSync(docPath, 'utf8')).toBe(await renderMappingDoc())
  })

  it('lists every absence type code of the mapping table', async () => {
    const doc = await renderMappingDoc()

    for (const code of Object.keys(timeOffTypeByAbsenceType)) expect(doc).toContain(`\`${code}\``)
  })
})
