import fs from 'node:fs'
import path from 'node:path'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface ProfileShare {
  name: string
  selfMs: number
  /** Share of the busy (non-idle) time. */
  share: number
}

export interface ProfileSummary {
  busyMs: number
  functions: ProfileShare[]
  areas: ProfileShare[]
}

/**
 * Where a function lives: an npm package, a file of ours, or a V8/Node bucket. `lineNumber`
 * (0-based) places a function of a built vendor chunk in the package it was bundled from.
 */
export function areaOf(url: string, functionName: string, lineNumber = 0): string {
  if (url === '') return functionName.startsWith('(') ? functionName : 'native'
  if (url.includes('deps/undici')) return 'undici (Node fetch)'
  if (url.startsWith('node:')) return `node ${url.replace(/^node:(internal\/)?/, '')}`
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)
  if (modules?.[1] !== undefined) return modules[1]
  const bundled = url.startsWith('file:') ? bundledPackageAt(url, lineNumber) : undefined
  if (bundled !== undefined) return bundled
  const ours = /\/((?:src|bench)\/.+)$/.exec(url)
  if (ours?.[1] !== undefined) return ours[1]
  return url
}

const moduleStarts = new Map<string, { line: number; packageName: string | undefined }[]>()

/**
 * The package a line of a built file comes from: esbuild opens each module it bundles with a
 * comment naming its source (`// node_modules/kysely/…`, `// src/store/database.ts`).
 */
function bundledPackageAt(url: string, lineNumber: number): string | undefined {
  let starts = moduleStarts.get(url)
  if (starts === undefined) {
    starts = []
    const lines = fs.existsSync(new URL(url))
      ? fs.readFileSync(new URL(url), 'utf8').split('\n')
      : []
    for (const [line, text] of lines.entries()) {
      const source = /^\/\/ (node_modules\/((?:@[^/]+\/)?[^/]+)\/|src\/|bench\/)\S+$/.exec(text)
      if (source !== null) starts.push({ line, packageName: source[2] })
    }
    moduleStarts.set(url, starts)
  }
  return starts.findLast((start) => start.line <= lineNumber)?.packageName
}

function functionLabel(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame
  const name = functionName === '' ? '(anonymous)' : functionName
  if (url === '') return name
  const where = areaOf(url, functionName, lineNumber)
  const file = where.includes('/') ? where : `${where} ${path.basename(url)}`
  return `${name} (${file}:${String(lineNumber + 1)})`
}

function top(totals: Map<string, number>, busyMs: number, count: number): ProfileShare[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, selfMs]) => ({ name, selfMs, share: busyMs === 0 ? 0 : selfMs / busyMs }))
}

/**
 * Self time per function and per area, from a `.cpuprofile` written by `node --cpu-prof`;
 * samples in the first `skipMs` (the process starting) are left out.
 */
export function summariseProfile(profile: CpuProfile, skipMs = 0, count = 12): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const functions = new Map<string, number>()
  const areas = new Map<string, number>()
  let busyMs = 0
  let elapsedMs = 0
  profile.samples.forEach((id, index) => {
    const node = byId.get(id)
    const ms = (profile.timeDeltas[index] ?? 0) / 1000
    elapsedMs += ms
    if (elapsedMs < skipMs || node === undefined || node.callFrame.functionName === '(idle)') return
    busyMs += ms
    const label = functionLabel(node)
    functions.set(label, (functions.get(label) ?? 0) + ms)
    const { url, functionName, lineNumber } = node.callFrame
    const area = areaOf(url, functionName, lineNumber)
    areas.set(area, (areas.get(area) ?? 0) + ms)
  })
  return { busyMs, functions: top(functions, busyMs, count), areas: top(areas, busyMs, count) }
}

/** The newest `.cpuprofile` in `dir`, summarised. */
export function summariseProfileDir(dir: string, skipMs = 0): ProfileSummary | undefined {
  const files = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.cpuprofile'))
    .map((file) => path.join(dir, file))
  const newest = files.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0]
  if (newest === undefined) return undefined
  return summariseProfile(JSON.parse(fs.readFileSync(newest, 'utf8')) as CpuProfile, skipMs)
}
