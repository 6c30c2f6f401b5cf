#!/usr/bin/env node
// The CLI runs the TypeScript sources through tsx, so a clone works after `npm ci` with no build
// step; `npm start` runs the compiled build instead (scripts/build.js).
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/entry.ts')
