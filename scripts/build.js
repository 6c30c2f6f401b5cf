// Builds the hub to plain JavaScript in dist/ for production starts (`npm start`): no on-the-fly
// transpiling, so it starts faster and uses less memory than the tsx-run CLI. Type checking is
// `npm run typecheck`'s job; this only strips types (esbuild), in well under a second.
//
// Our modules stay one file each (dist/src/… mirrors src/…, so profiles and stack traces name
// them), while the packages they import are bundled into shared chunks in dist/vendor/: Node
// loads a few files instead of some 400 package modules (kysely alone is 260), which saves about
// 18 MB per hub process (docs/decisions.md).
//
// `--if-stale` skips the build when the source files, names and contents, are those of the last
// build (the dependencies' lockfile included); `--out-dir DIR` builds elsewhere (the
// benchmarks compare a compiled hub with the tsx-run one).
import { build } from 'esbuild'
import fs from 'node:fs'
import path from 'node:path'
import console from 'node:console'
import process from 'node:process'

import { builtDigest, defaultDist, digestOf, inputFiles, root, stampOf } from './build-state.js'

const outDirFlag = process.argv.indexOf('--out-dir')
const dist = outDirFlag === -1 ? defaultDist : path.resolve(process.argv[outDirFlag + 1] ?? '')

// Test code and the helpers only tests import.
const notShipped =
  /\.test\.ts$|test-client\.ts$|route-test-fixture\.ts$|scripted-server\.ts$|mapping\/(fixtures|servable)\.ts$/

const inputs = inputFiles()
// Taken before building, so a source edited during the build leaves the build stale.
const digest = digestOf(inputs)
if (process.argv.includes('--if-stale') && builtDigest(dist) === digest) process.exit(0)

// The stamp goes first, so a `passerelle` starting meanwhile runs the sources, not half a build.
fs.rmSync(stampOf(dist), { force: true })
fs.rmSync(dist, { recursive: true, force: true })
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
try {
  await build({
    absWorkingDir: root,
    // Our modules: the TypeScript files under src/ and bench/ that are not test code.
    entryPoints: inputs.filter((file) => file.endsWith('.ts') && !notShipped.test(file)),
    outbase: '.',
    outdir: dist,
    chunkNames: 'vendor/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    // better-sqlite3 loads a native addon from its own folder; development packages (the
    // benchmark's report formatter and load generator) are not bundled into a production build.
    external: ['better-sqlite3', ...Object.keys(manifest.devDependencies ?? {})],
    plugins: [ownModulesApart()],
    // Bundled CommonJS packages call `require`, which an ES module does not have.
    banner: {
      js: "import { createRequire as __passerelleRequire } from 'node:module'; const require = __passerelleRequire(import.meta.url);",
    },
  })
} catch {
  console.error('build failed: esbuild reported the errors above')
  process.exit(1)
}
copyAssets(path.join(root, 'src'), path.join(dist, 'src'))
// Node reads the module kind from the nearest package.json, which a build elsewhere lacks.
fs.writeFileSync(path.join(dist, 'package.json'), '{ "type": "module" }\n')
fs.writeFileSync(stampOf(dist), `${JSON.stringify({ digest })}\n`)

/** A relative import between our modules stays an import of the built file. */
function ownModulesApart() {
  return {
    name: 'own-modules-apart',
    setup(builder) {
      builder.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (
          args.kind === 'entry-point' ||
          args.importer.includes(`${path.sep}node_modules${path.sep}`)
        ) {
          return undefined
        }
        return { path: args.path.replace(/\.ts$/, '.js'), external: true }
      })
    },
  }
}

/** The Link page's HTML, CSS, scripts and images are read from beside the compiled modules. */
function copyAssets(from, to) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name)
    const target = path.join(to, entry.name)
    if (entry.isDirectory()) copyAssets(source, target)
    else if (!entry.name.endsWith('.ts')) {
      fs.mkdirSync(to, { recursive: true })
      fs.copyFileSync(source, target)
    }
  }
}
