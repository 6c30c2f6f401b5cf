import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

const root = path.resolve(import.meta.dirname, '..')

/**
 * Compiles the project with `tsc` into `outDir` (what `npm run build` does, elsewhere), copies
 * the non-TypeScript assets the hub serves and links `node_modules`, so a hub can run as plain
 * JavaScript and be compared with the tsx-loaded one. Resolves to the compiled `main.js`, or
 * undefined when the build produced none.
 */
export async function buildCompiledHub(outDir: string): Promise<string | undefined> {
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc')
  try {
    await promisify(execFile)(
      process.execPath,
      [tsc, '-p', path.join(root, 'tsconfig.json'), '--outDir', outDir, '--sourceMap', 'false'],
      { timeout: 180_000 },
    )
  } catch {
    // Type errors elsewhere in the checkout still emit JavaScript; only a missing file counts.
  }
  const main = path.join(outDir, 'src/cli/main.js')
  if (!fs.existsSync(main)) return undefined
  copyAssets(path.join(root, 'src'), path.join(outDir, 'src'))
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(outDir, 'node_modules'), 'dir')
  return main
}

function copyAssets(from: string, to: string): void {
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

/** Node arguments that run `passerelle <args>` from the compiled `main.js`. */
export function compiledArgs(mainJs: string, args: string[]): string[] {
  const call = `import(${JSON.stringify(mainJs)}).then(async (m) => { process.exitCode = await m.main(${JSON.stringify(args)}) })`
  return ['--input-type=module', '-e', call]
}
