import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

// StackOne's `<stackone-hub>` ships in `@stackone/hub`, whose `npm install` fails here (peer
// dependencies, Node 22 engines). Only its browser bundle is needed, so the pinned tarball is
// fetched once with `npm pack`, checked against the registry's integrity and kept in `.cache/`.

const run = promisify(execFile)

export const stackOneHubVersion = '1.11.4'
const packageSpec = `@stackone/hub@${stackOneHubVersion}`
/** `npm view @stackone/hub@1.11.4 dist.integrity` */
const tarballIntegrity =
  'sha512-qDl+GFfel27aiCndmqHHEug1pKXtldhhBy8JpbzTv/dAP6IPiGWJuX+KEJbJy7vUrR3ONgHPvvEkMfJJylpYCA=='
const tarballName = `stackone-hub-${stackOneHubVersion}.tgz`
const bundleEntry = 'package/dist/webcomponent.js'

const cacheDir = fileURLToPath(
  new URL(`../../.cache/stackone-hub-${stackOneHubVersion}/`, import.meta.url),
)
const fetchTimeoutMs = 60_000

/** Path of `dist/webcomponent.js` from the pinned tarball, fetching it on the first run. */
export async function stackOneHubBundle(): Promise<string> {
  const tarball = path.join(cacheDir, tarballName)
  const bundle = path.join(cacheDir, 'webcomponent.js')
  const fetched = !existsSync(tarball) || !hasPinnedIntegrity(tarball)
  if (fetched) await fetchTarball(tarball)
  if (fetched || !existsSync(bundle)) await extractBundle(tarball, bundle)
  return bundle
}

function integrityOf(file: string): string {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`
}

function hasPinnedIntegrity(file: string): boolean {
  return integrityOf(file) === tarballIntegrity
}

// Work happens in a scratch folder renamed into place, so parallel test files never see half a file.
async function fetchTarball(tarball: string): Promise<void> {
  mkdirSync(cacheDir, { recursive: true })
  const scratch = mkdtempSync(path.join(cacheDir, 'fetch-'))
  try {
    try {
      await run('npm', ['pack', packageSpec, '--pack-destination', scratch], {
        timeout: fetchTimeoutMs,
      })
    } catch (error) {
      throw new Error(
        `Could not fetch ${packageSpec} with \`npm pack\` (it needs the npm registry): ` +
          (error instanceof Error ? error.message : String(error)),
      )
    }
    const fetched = path.join(scratch, tarballName)
    if (!existsSync(fetched)) throw new Error(`\`npm pack ${packageSpec}\` wrote no ${tarballName}`)
    const integrity = integrityOf(fetched)
    if (integrity !== tarballIntegrity) {
      throw new Error(
        `${tarballName} does not match the pinned integrity: expected ${tarballIntegrity}, got ${integrity}`,
      )
    }
    renameSync(fetched, tarball)
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

async function extractBundle(tarball: string, bundle: string): Promise<void> {
  const scratch = mkdtempSync(path.join(cacheDir, 'extract-'))
  try {
    await run('tar', ['-xzf', tarball, '-C', scratch, bundleEntry])
    renameSync(path.join(scratch, bundleEntry), bundle)
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}
