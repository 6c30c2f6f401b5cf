// What a build of the hub is made of, and whether dist/ still matches it. Shared by
// scripts/build.js (`--if-stale`) and bin/passerelle.js, which runs the build when it matches.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export const root = path.resolve(import.meta.dirname, '..')
export const defaultDist = path.join(root, 'dist')
const sourceDirs = ['src', 'bench']
// What decides how the sources are built, besides the sources and the packages.
const buildFiles = [
  'scripts/build.js',
  'scripts/build-state.js',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
]

export function stampOf(dist) {
  return path.join(dist, '.built-from')
}

/** Every file under src/ and bench/, and the build's own files, relative to root. */
export function inputFiles() {
  const listed = sourceDirs.flatMap((dir) =>
    fs
      .readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name))),
  )
  const present = buildFiles.filter((file) => fs.existsSync(path.join(root, file)))
  return [...listed, ...present].sort()
}

/**
 * The inputs' names and contents, digested. Contents, not modification times: sources copied
 * with their old times (`cp -p`, `rsync -a`, an unpacked archive) are still new sources.
 */
export function digestOf(inputs = inputFiles()) {
  const hash = createHash('sha256')
  for (const file of inputs) {
    hash.update(`${file}\0`)
    hash.update(fs.readFileSync(path.join(root, file)))
    hash.update('\0')
  }
  return hash.digest('base64url')
}

/** The digest of the inputs the build in `dist` was made from, if it finished. */
export function builtDigest(dist = defaultDist) {
  try {
    return JSON.parse(fs.readFileSync(stampOf(dist), 'utf8')).digest
  } catch {
    return undefined
  }
}

/**
 * Fresh when the last build finished, from inputs with exactly these names and contents, and its
 * entry point is still there (build.js removes the stamp before anything else).
 */
export function isFresh(dist = defaultDist) {
  const built = builtDigest(dist)
  if (built === undefined || !fs.existsSync(path.join(dist, 'src/cli/entry.js'))) return false
  return built === digestOf()
}
