import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { buildCompiledHub } from './compiled.ts'

/** How big and how long a run is: `--quick` shrinks it. */
export interface BenchOptions {
  quick: boolean
}

export interface Target {
  name: string
  target: string
  measured: string
  met: boolean
}

export interface Table {
  caption?: string
  columns: string[]
  rows: string[][]
}

/** What a scenario hands the report; every string is Markdown. */
export interface ScenarioResult {
  id: string
  title: string
  /** How the parts ran (processes, data, limits), one bullet each. */
  setup: string[]
  /** The exact commands and load settings. */
  commands: string[]
  tables: Table[]
  targets: Target[]
  /** Why a target was missed, where the time or memory goes, what to change. */
  analysis: string[]
}

export interface BenchContext {
  options: BenchOptions
  /** Progress on stderr. */
  log(message: string): void
  /** A fresh directory under the run's temporary root (removed at the end of the run). */
  tempDir(name: string): string
  /** The hub compiled to JavaScript once per run (see compiled.ts); undefined if that failed. */
  compiledHub(): Promise<string | undefined>
}

export function createContext(options: BenchOptions): { context: BenchContext; cleanup(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-bench-'))
  const started = performance.now()
  let compiled: Promise<string | undefined> | undefined
  const log = (message: string) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6)
    process.stderr.write(`[bench ${seconds}s] ${message}\n`)
  }
  return {
    context: {
      options,
      log,
      tempDir(name) {
        return fs.mkdtempSync(path.join(root, `${name}-`))
      },
      compiledHub() {
        if (compiled === undefined) {
          log('building the project (scripts/build.js) for the compiled-JavaScript comparison')
          compiled = buildCompiledHub(path.join(root, 'compiled'))
        }
        return compiled
      },
    },
    cleanup() {
      fs.rmSync(root, { recursive: true, force: true })
    },
  }
}

/** The compiled hub, which the scenarios measure as `npm start` runs it; a failed build stops them. */
export async function requireCompiledHub(context: BenchContext): Promise<string> {
  const main = await context.compiledHub()
  if (main === undefined) throw new Error('the hub could not be compiled with scripts/build.js')
  return main
}
