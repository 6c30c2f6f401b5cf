import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** How big and how long a run is: `--quick` shrinks it, `--large` adds the biggest company. */
export interface BenchOptions {
  quick: boolean
  large: boolean
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
}

export function createContext(options: BenchOptions): { context: BenchContext; cleanup(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-bench-'))
  const started = performance.now()
  return {
    context: {
      options,
      log(message) {
        const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6)
        process.stderr.write(`[bench ${seconds}s] ${message}\n`)
      },
      tempDir(name) {
        return fs.mkdtempSync(path.join(root, `${name}-`))
      },
    },
    cleanup() {
      fs.rmSync(root, { recursive: true, force: true })
    },
  }
}
