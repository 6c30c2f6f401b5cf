#!/usr/bin/env node
// The CLI runs the build in dist/ when it matches the sources (`npm start` and `npm run build`
// make it), and otherwise the TypeScript sources through tsx, so a clone works after `npm ci`
// with no build step. The build starts about a second sooner and uses some 70 MB less
// (docs/benchmarks.md, P4).
import { isFresh } from '../scripts/build-state.js'

if (isFresh()) {
  await import('../dist/src/cli/entry.js')
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli/entry.ts')
}
