import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { checkoutWithBuild } from '../../bench/compiled.ts'
import { killCliChildren, listeningUrl, runCli } from '../cli.ts'
import { basicAuth } from '../harness.ts'

const root = path.resolve(import.meta.dirname, '../..')
let outDir = ''

beforeAll(() => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-build-'))
  execFileSync(process.execPath, [path.join(root, 'scripts/build.js'), '--out-dir', outDir])
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(outDir, 'node_modules'), 'dir')
}, 60_000)

afterAll(() => {
  killCliChildren()
  fs.rmSync(outDir, { recursive: true, force: true })
})

/** This build as another checkout's dist/, with an entry point that says it ran. */
function checkoutSayingBuildRan() {
  const checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-checkout-'))
  const bin = checkoutWithBuild(checkout, outDir)
  fs.writeFileSync(path.join(checkout, 'dist/src/cli/entry.js'), "console.log('the build ran')\n")
  return { checkout, bin }
}

describe('the build `npm start` runs', () => {
  it('keeps our modules apart and bundles the packages they import', () => {
    const entry = fs.readFileSync(path.join(outDir, 'src/cli/main.js'), 'utf8')
    expect(entry).toContain('./start.js')
    const store = fs.readFileSync(path.join(outDir, 'src/store/database.js'), 'utf8')
    expect(store).toMatch(/^\} from ["']\.\.\/\.\.\/vendor\/chunk-\w+\.js["']/m)
    expect(store).not.toMatch(/^(import .*|\}) from ["']kysely["']/m)
    expect(fs.readdirSync(path.join(outDir, 'vendor')).some((file) => file.endsWith('.js'))).toBe(
      true,
    )
  })

  it('is built again only when its inputs changed', () => {
    const build = () =>
      execFileSync(process.execPath, [
        path.join(root, 'scripts/build.js'),
        '--out-dir',
        outDir,
        '--if-stale',
      ])
    const marker = path.join(outDir, 'vendor', 'marker')
    fs.writeFileSync(marker, '')
    build()
    expect(fs.existsSync(marker)).toBe(true)

    // As after a source was edited, added or removed since that build.
    fs.writeFileSync(path.join(outDir, '.built-from'), JSON.stringify({ digest: 'other sources' }))
    build()
    expect(fs.existsSync(marker)).toBe(false)
    expect(fs.existsSync(path.join(outDir, 'src/cli/entry.js'))).toBe(true)
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(outDir, 'node_modules'), 'dir')
  })

  it('is what `npx passerelle` runs while it matches the sources, and the sources after', async () => {
    const { checkout, bin } = checkoutSayingBuildRan()
    const cli = async () => {
      const run = runCli(['--help'], {}, bin)
      expect(await run.exit).toBe(0)
      return run.stdout()
    }
    const fromSources = /^Usage: passerelle <command>/
    try {
      expect(await cli()).toBe('the build ran\n')

      const added = path.join(checkout, 'bench/added.ts')
      fs.writeFileSync(added, 'export {}\n')
      expect(await cli()).toMatch(fromSources)
      fs.rmSync(added)
      expect(await cli()).toBe('the build ran\n')

      // An edited source that kept its old modification time, as `cp -p` or `rsync -a` leave it.
      const source = path.join(checkout, 'bench/stats.ts')
      const { mtime } = fs.statSync(source)
      fs.appendFileSync(source, '\n// edited\n')
      fs.utimesSync(source, mtime, mtime)
      expect(await cli()).toMatch(fromSources)
    } finally {
      fs.rmSync(checkout, { recursive: true, force: true })
    }
  })

  it('is not what runs with PASSERELLE_FROM_SOURCES=1, nor for the bench', async () => {
    const { checkout, bin } = checkoutSayingBuildRan()
    try {
      const fromSources = runCli(['--help'], { PASSERELLE_FROM_SOURCES: '1' }, bin)
      expect(await fromSources.exit).toBe(0)
      expect(fromSources.stdout()).toMatch(/^Usage: passerelle <command>/)
      const bench = runCli(['bench', '--help'], {}, bin)
      expect(await bench.exit).toBe(0)
      expect(bench.stdout()).toMatch(/^Usage: passerelle bench/)
    } finally {
      fs.rmSync(checkout, { recursive: true, force: true })
    }
  })

  it('serves the API and the Link page files, and stops on SIGTERM', async () => {
    const apiKey = 'bootstrap-key-for-the-build-test-01'
    const dataDir = fs.mkdtempSync(path.join(outDir, 'data-'))
    const run = runCli(
      ['start', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir],
      { PASSERELLE_API_KEY: apiKey },
      path.join(outDir, 'src/cli/entry.js'),
    )
    const url = await listeningUrl(run)

    const accounts = await fetch(`${url}/accounts`, {
      headers: { authorization: basicAuth(apiKey) },
    })
    expect(accounts.status).toBe(200)
    expect(await accounts.json()).toEqual([])

    const stylesheet = await fetch(`${url}/link/assets/link.css`)
    expect(stylesheet.status).toBe(200)
    expect(await stylesheet.text()).toBe(
      fs.readFileSync(path.join(root, 'src/link/assets/link.css'), 'utf8'),
    )

    run.child.kill('SIGTERM')
    expect(await run.exit).toBe(0)
  })
})
