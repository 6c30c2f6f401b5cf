// Regenerates docs/mapping.md from the mapping tables: `npx tsx scripts/mapping-table.js`.
// Plain JavaScript so that ESLint's type-aware setup, which only knows src/ and test/, can lint it.
import { writeFileSync } from 'node:fs'
import process from 'node:process'

import { docPath, renderMappingDoc } from '../src/connectors/payfit/mapping/docs.ts'

writeFileSync(docPath, await renderMappingDoc())
process.stdout.write(`wrote ${docPath}\n`)
