#!/usr/bin/env node
// The CLI runs the build in dist/ while it matches the sources (`npm start` and `npm run build`
// make it): it starts in under half the time and holds some 70 MB less (docs/benchmarks.md, P4).
// Otherwise, or with PASSERELLE_FROM_SOURCES=1, it runs the TypeScript sources through tsx, so a
// clone works after `npm ci` with no build step. The bench always runs from the sources: it
// builds and measures its own hubs from this checkout.
import { isFresh } from '../scripts/build-state.js'

const fromSources = process.env.PASSERELLE_FROM_SOURCES === '1' || process.argv[2] === 'bench'

if (!fromSources && isFresh()) {
  await import('../dist/src/cli/entry.js')
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli/entry.ts')
}
