import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { describe, expect, it } from 'vitest'

import { startCommand } from './compiled.ts'
import { heapTraceOf } from './p2-full-read.ts'
import { areaOf } from './profile.ts'
import { formatRatio, fullReadFloor, median, percentile, ratio, spread } from './stats.ts'

describe('bench statistics', () => {
  it('takes percentiles by nearest rank, whatever the input order', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6]
    expect(percentile(values, 50)).toBe(5)
    expect(percentile(values, 99)).toBe(10)
    expect(percentile(values, 0)).toBe(1)
    expect(percentile([], 50)).toBeNaN()
  })

  it('takes the median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNaN()
  })

  it('formats ratios with two decimals and refuses a zero reference', () => {
    expect(formatRatio(ratio(11, 10))).toBe('1.10×')
    expect(formatRatio(ratio(1, 0))).toBe('n/a')
    expect(formatRatio(ratio(Number.NaN, 2))).toBe('n/a')
  })

  it('computes the full-read floor from pages of 50, with and without the contract walk', () => {
    const floor = fullReadFloor(10_000, 10_635, 50)
    expect(floor.collaboratorPages).toBe(200)
    expect(floor.contractPages).toBe(213)
    expect(floor.pagesOnlyMs).toBe(10_000)
    expect(floor.withContractsMs).toBe(10_650)
    expect(fullReadFloor(1, 0, 50).pagesOnlyMs).toBe(50)
  })

  it('measures how far a memory curve is from flat', () => {
    expect(spread([100, 120, 150])).toBe(1.5)
    expect(spread([Number.NaN])).toBeNaN()
  })

  it("runs compiled hubs with the environment and Node flags of package.json's start script", () => {
    const { environment, nodeFlags } = startCommand()
    expect(environment).toEqual({ MALLOC_ARENA_MAX: '2' })
    expect(nodeFlags).toContain('--max-semi-space-size=8')
    expect(nodeFlags.every((flag) => flag.startsWith('--'))).toBe(true)
  })
})

describe('profile areas', () => {
  it('names the package a line of a built file was bundled from, and our own modules', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-profile-'))
    const file = path.join(dir, 'database.js')
    fs.writeFileSync(
      file,
      [
        'import x from "y"',
        '// node_modules/kysely/dist/esm/query-node.js',
        'var QueryNode = 1',
        '// node_modules/@scope/pkg/index.js',
        'var scoped = 2',
        '// src/store/database.ts',
        'function openDatabase() {}',
      ].join('\n'),
    )
    const url = pathToFileURL(file).href
    try {
      expect(areaOf(url, 'f', 2)).toBe('kysely')
      expect(areaOf(url, 'f', 4)).toBe('@scope/pkg')
      expect(areaOf(`file://${dir}/src/store/database.js`, 'f', 6)).toBe('src/store/database.js')
      expect(areaOf('file:///app/node_modules/zod/v4/core.js', 'parse')).toBe('zod')
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe("V8's heap trace", () => {
  it('keeps the most a full collection left and the most V8 held', () => {
    const log = [
      '{"level":30,"msg":"passerelle hub listening"}',
      '[1:0x1]      402 ms: Mark-Compact 17.8 (23.6) -> 14.0 (32.3) MB, 7.30 / 0.08 ms',
      '[1:0x1]     4020 ms: Scavenge 20.1 (40.0) -> 19.0 (40.0) MB, 1.2 / 0.0 ms',
      '[1:0x1]   109119 ms: Mark-Compact 66.6 (102.4) -> 37.4 (91.5) MB, 2.92 / 0.04 ms',
    ].join('\n')
    const megabytes = 1024 * 1024
    expect(heapTraceOf(log)).toEqual({ liveMax: 37.4 * megabytes, committedMax: 102.4 * megabytes })
    expect(heapTraceOf('')).toEqual({ liveMax: 0, committedMax: 0 })
  })
})
