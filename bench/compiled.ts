import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

const root = path.resolve(import.meta.dirname, '..')

/**
 * Builds the hub into `outDir` with scripts/build.js (what `npm start` runs, elsewhere) and links
 * `node_modules`, so a hub can run as plain JavaScript and be compared with the tsx-loaded one.
 * Resolves to the compiled `main.js`, or undefined when the build failed.
 */
export async function buildCompiledHub(outDir: string): Promise<string | undefined> {
  try {
    await promisify(execFile)(
      process.execPath,
      [path.join(root, 'scripts/build.js'), '--out-dir', outDir],
      { timeout: 180_000 },
    )
  } catch {
    return undefined
  }
  const main = path.join(outDir, 'src/cli/main.js')
  if (!fs.existsSync(main)) return undefined
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(outDir, 'node_modules'), 'dir')
  return main
}

/**
 * A checkout in `dir` whose `dist/` is a copy of `build` (made by buildCompiledHub from this
 * checkout): the sources and packages linked, `bin/`, `scripts/` and `bench/` copied (so a test
 * can edit a source there). Its `bin/passerelle.js`, which it returns, runs that build as
 * `npx passerelle` does after `npm start` or `npm run build`, until a source there changes.
 */
export function checkoutWithBuild(dir: string, build: string): string {
  fs.mkdirSync(dir, { recursive: true })
  for (const linked of [
    'src',
    'node_modules',
    'package.json',
    'package-lock.json',
    'tsconfig.json',
  ]) {
    fs.symlinkSync(path.join(root, linked), path.join(dir, linked))
  }
  for (const copied of ['bin', 'scripts', 'bench']) {
    fs.cpSync(path.join(root, copied), path.join(dir, copied), { recursive: true })
  }
  fs.cpSync(build, path.join(dir, 'dist'), {
    recursive: true,
    filter: (source) => source !== path.join(build, 'node_modules'),
  })
  return path.join(dir, 'bin/passerelle.js')
}

/**
 * Node arguments that run `passerelle <args>` from the compiled `main.js` with the Node flags
 * `npm start` gives the hub (read from package.json, see startCommand); run them with
 * `startCommand().environment` added to the environment.
 */
export function compiledArgs(mainJs: string, args: string[]): string[] {
  const call = `import(${JSON.stringify(mainJs)}).then(async (m) => { process.exitCode = await m.main(${JSON.stringify(args)}) })`
  return [...startCommand().nodeFlags, '--input-type=module', '-e', call]
}

/**
 * How package.json's `start` script runs Node after the build: the environment it sets and the
 * flags between `node` and the entry point, so the bench cannot drift from it.
 */
export function startCommand(): StartCommand {
  startScript ??= readStartCommand()
  return startScript
}

interface StartCommand {
  environment: Record<string, string>
  nodeFlags: string[]
}

let startScript: StartCommand | undefined

function readStartCommand(): StartCommand {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: { start: string }
  }
  const words = manifest.scripts.start.split('&&').at(-1)?.trim().split(/\s+/) ?? []
  // `NAME=value exec node …`: the variables the hub starts with, then the shell hands its process
  // to node, so npm's signals reach the hub.
  const assigned = words.findIndex((word) => !/^[A-Z_][A-Z0-9_]*=/.test(word))
  const environment = Object.fromEntries(
    words
      .slice(0, assigned)
      .map((word) => [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]),
  )
  const at = words[assigned] === 'exec' ? assigned + 1 : assigned
  const command = words.slice(at)
  const entry = command.findIndex((part, index) => index > 0 && !part.startsWith('--'))
  return { environment, nodeFlags: command.slice(1, entry === -1 ? undefined : entry) }
}
