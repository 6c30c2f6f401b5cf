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

/** Node arguments that run `passerelle <args>` from the compiled `main.js`. */
export function compiledArgs(mainJs: string, args: string[]): string[] {
  const call = `import(${JSON.stringify(mainJs)}).then(async (m) => { process.exitCode = await m.main(${JSON.stringify(args)}) })`
  return ['--input-type=module', '-e', call]
}
