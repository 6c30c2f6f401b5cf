// What a build of the hub is made of, and whether dist/ still matches it. Shared by
// scripts/build.js (`--if-stale`) and bin/passerelle.js, which runs the build when it is fresh.
import fs from 'node:fs'
import path from 'node:path'

export const root = path.resolve(import.meta.dirname, '..')
export const defaultDist = path.join(root, 'dist')
const sourceDirs = ['src', 'bench']

export function stampOf(dist) {
  return path.join(dist, '.built-at')
}

/** Every file under src/ and bench/, and the package manifest and lockfile, relative to root. */
export function inputFiles() {
  const listed = sourceDirs.flatMap((dir) =>
    fs.readdirSync(path.join(root, dir), { recursive: true }).map((file) => path.join(dir, file)),
  )
  return [...listed, 'package.json', 'package-lock.json']
    .filter((file) => fs.statSync(path.join(root, file), { throwIfNoEntry: false })?.isFile())
    .sort()
}

/** Fresh when the same files are there as at the last build and none of them changed since. */
export function isFresh(dist = defaultDist, inputs = inputFiles()) {
  const stamp = stampOf(dist)
  const builtAt = fs.statSync(stamp, { throwIfNoEntry: false })?.mtimeMs
  if (builtAt === undefined) return false
  let built
  try {
    built = JSON.parse(fs.readFileSync(stamp, 'utf8')).inputs
  } catch {
    return false
  }
  if (!Array.isArray(built) || built.join('\n') !== inputs.join('\n')) return false
  return inputs.every((file) => fs.statSync(path.join(root, file)).mtimeMs < builtAt)
}
