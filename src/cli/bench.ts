import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import * as prettier from 'prettier'

import { runOverheadScenario } from '../../bench/p1-overhead.ts'
import { runFullReadScenario } from '../../bench/p2-full-read.ts'
import { runConcurrencyScenario } from '../../bench/p3-concurrency.ts'
import { runStateScenario } from '../../bench/p4-state.ts'
import { describeMachine, renderReport, type BrokenScenario } from '../../bench/report.ts'
import {
  createContext,
  type BenchContext,
  type BenchOptions,
  type ScenarioResult,
} from '../../bench/scenario.ts'

const usage = `Usage: passerelle bench [options]

Runs the benchmarks against a PayFit sandbox and hubs it starts itself on 127.0.0.1, and writes
docs/benchmarks.md. Progress goes to stderr. Exits 0 when every scenario ran (a missed target is
reported, not an error), 1 when a scenario broke.

Options:
  --only <list>     scenarios to run, e.g. P1,P4 (default: all)
  --quick           smaller companies and shorter runs, for a fast check
  --out <file>      where to write the report (default docs/benchmarks.md)
  -h, --help        show this help`

interface Scenario {
  id: string
  title: string
  run: (context: BenchContext) => Promise<ScenarioResult>
}

const scenarios: Scenario[] = [
  {
    id: 'P1',
    title: 'Overhead of one unified page of 50 employees',
    run: runOverheadScenario,
  },
  { id: 'P2', title: 'Full read of a company', run: runFullReadScenario },
  {
    id: 'P3',
    title: '100 concurrent clients over 50 accounts',
    run: runConcurrencyScenario,
  },
  { id: 'P4', title: 'State: 10,000 linked accounts in SQLite', run: runStateScenario },
]

export async function run(argv: string[]): Promise<number> {
  let values
  try {
    values = parseArgs({
      args: argv,
      options: {
        only: { type: 'string' },
        quick: { type: 'boolean' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (error) {
    console.error(`passerelle bench: ${error instanceof Error ? error.message : String(error)}`)
    return 2
  }
  if (values.help === true) {
    console.log(usage)
    return 0
  }
  const wanted = (values.only ?? scenarios.map((scenario) => scenario.id).join(','))
    .split(',')
    .map((id) => id.trim().toUpperCase())
  const unknown = wanted.filter((id) => !scenarios.some((scenario) => scenario.id === id))
  if (unknown.length > 0) {
    console.error(`passerelle bench: unknown scenario ${unknown.join(', ')}`)
    return 2
  }

  const options: BenchOptions = { quick: values.quick === true }
  const workspace = createContext(options)
  const { context } = workspace
  const startedAt = new Date()
  const loadAtStart = os.loadavg()[0] ?? 0
  const started = performance.now()
  const results: ScenarioResult[] = []
  const broken: BrokenScenario[] = []
  try {
    for (const scenario of scenarios.filter((candidate) => wanted.includes(candidate.id))) {
      context.log(`${scenario.id}: ${scenario.title}`)
      try {
        results.push(await scenario.run(context))
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
        context.log(`${scenario.id} broke: ${message}`)
        broken.push({ id: scenario.id, title: scenario.title, error: firstLine(message) })
      }
    }
  } finally {
    workspace.cleanup()
  }

  const out = path.resolve(values.out ?? 'docs/benchmarks.md')
  const command = ['npm run bench', argv.length > 0 ? `-- ${argv.join(' ')}` : ''].join(' ').trim()
  const report = renderReport({
    machine: describeMachine(loadAtStart),
    command,
    startedAt,
    elapsedMs: performance.now() - started,
    results,
    broken,
  })
  // Formatted like the rest of the repository, so `npm run lint` accepts the generated file.
  const style = (await prettier.resolveConfig(out)) ?? {}
  fs.writeFileSync(out, await prettier.format(report, { ...style, parser: 'markdown' }))
  for (const result of results) {
    for (const target of result.targets) {
      context.log(
        `${result.id} ${target.name}: ${target.measured} (${target.met ? 'met' : 'MISSED'})`,
      )
    }
  }
  context.log(`wrote ${out}`)
  return broken.length === 0 ? 0 : 1
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text
}
