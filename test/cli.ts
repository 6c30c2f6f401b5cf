import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

const bin = path.resolve(import.meta.dirname, '../bin/passerelle.js')
const children: ChildProcess[] = []

/** Kills every CLI child a test left running; call it from `afterEach`. */
export function killCliChildren(): void {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
}

/** Environment for a child without any Passerelle variable from the developer's shell. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !/^(PORT|HOST|DATA_DIR|DATABASE_URL|PASSERELLE_|PAYFIT_|PUBLIC_URL|LOG_LEVEL)/.test(name),
    ),
  )
  return { ...env, ...extra }
}

/**
 * Runs `passerelle <args>` as a child process, collecting its output: this checkout's sources,
 * whatever its dist/ holds, or `entry` (a compiled `entry.js`, another checkout's bin) as it is.
 */
export function runCli(args: string[], env: Record<string, string> = {}, entry?: string) {
  const sources: Record<string, string> =
    entry === undefined ? { PASSERELLE_FROM_SOURCES: '1' } : {}
  const child = spawn(process.execPath, [entry ?? bin, ...args], {
    env: cleanEnv({ ...sources, ...env }),
  })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exit = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      resolve(code)
    })
  })
  return { child, exit, stdout: () => stdout, stderr: () => stderr }
}

export type CliRun = ReturnType<typeof runCli>

/** Resolves with the first stdout line matching `pattern`, or rejects after `ms`. */
export function waitForLine(run: CliRun, pattern: RegExp, ms = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => {
      reject(new Error(`no line matching ${String(pattern)} in time: ${run.stderr()}`))
    }, ms)
    const check = () => {
      const line = run
        .stdout()
        .split('\n')
        .find((candidate) => pattern.test(candidate))
      if (line === undefined) return
      clearTimeout(deadline)
      run.child.stdout.off('data', check)
      resolve(line)
    }
    run.child.stdout.on('data', check)
    check()
  })
}

/** The URL a `passerelle start` child logged once it listened. */
export async function listeningUrl(run: CliRun): Promise<string> {
  const line = await waitForLine(run, /passerelle hub listening on/)
  return /listening on (http:\/\/\S+)/.exec((JSON.parse(line) as { msg: string }).msg)?.[1] ?? ''
}
