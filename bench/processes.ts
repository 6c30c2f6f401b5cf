import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

import { compiledArgs, startCommand } from './compiled.ts'

/** The CLI every child runs, as a user would; told to run the sources unless said otherwise. */
const cliPath = path.resolve(import.meta.dirname, '../bin/passerelle.js')

const startDeadlineMs = 120_000

/** A child process started by the bench; `stop()` ends it and waits for its exit. */
export interface Child {
  pid: number
  process: ChildProcess
  /** The end of what it wrote on stderr. */
  lastError(): string
  /** The exact command line, for the report. */
  command: string
  stop(): Promise<void>
}

/** Environment without any Passerelle setting from the developer's shell. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !/^(PORT|HOST|DATA_DIR|DATABASE_URL|PASSERELLE_|PAYFIT_|PUBLIC_URL|LOG_LEVEL)/.test(name),
    ),
  )
  return { ...env, ...extra }
}

interface ChildOptions {
  nodeFlags?: string[]
  stdoutFile?: string
  /** Run this compiled `main.js` as `npm start` runs it, not the sources through tsx. */
  compiledMain?: string
  /** Run this `bin/passerelle.js` as `npx passerelle` does: its build when that is fresh. */
  bin?: string
}

/** The Node arguments and added environment that run `passerelle <args>` as `options` say. */
function invocation(args: string[], options: ChildOptions) {
  if (options.compiledMain !== undefined) {
    return {
      entry: compiledArgs(options.compiledMain, args),
      environment: startCommand().environment,
    }
  }
  if (options.bin !== undefined) return { entry: [options.bin, ...args], environment: {} }
  return { entry: [cliPath, ...args], environment: { PASSERELLE_FROM_SOURCES: '1' } }
}

function startChild(args: string[], options: ChildOptions = {}): Child {
  const { entry, environment } = invocation(args, options)
  const out = options.stdoutFile === undefined ? 'pipe' : fs.openSync(options.stdoutFile, 'a')
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), ...entry], {
    env: cleanEnv(environment),
    stdio: ['ignore', out, 'pipe'],
  })
  if (typeof out === 'number') fs.closeSync(out)
  let stderr = ''
  const lastError = () => stderr.trim()
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000)
  })
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve()
    else
      child.on('exit', () => {
        resolve()
      })
  })
  const pid = child.pid
  if (pid === undefined) throw new Error(`could not start ${args.join(' ')}`)
  return {
    pid,
    process: child,
    lastError,
    command: `passerelle ${args.join(' ')}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
      if (child.exitCode !== 0 && child.exitCode !== null && stderr !== '') {
        process.stderr.write(`  child ${String(pid)} stderr: ${stderr}\n`)
      }
    },
  }
}

export interface SandboxCompanyInfo {
  id: string
  name: string
  country: string
  keys: { full: string; guide: string; read_only: string; revoked: string }
}

export interface SandboxChild extends Child {
  url: string
  adminToken: string
  companies: SandboxCompanyInfo[]
}

/** `passerelle sandbox --json --port 0 …` in its own process; resolves once it printed its line. */
export async function startSandboxChild(flags: string[]): Promise<SandboxChild> {
  const args = ['sandbox', '--json', '--port', '0', ...flags]
  const child = startChild(args)
  const stdout = child.process.stdout
  if (stdout === null) throw new Error('sandbox stdout missing')
  const line = await new Promise<string>((resolve, reject) => {
    let buffered = ''
    const timer = setTimeout(() => {
      reject(new Error('the sandbox did not print its JSON line in time'))
    }, startDeadlineMs)
    stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const end = buffered.indexOf('\n')
      if (end === -1) return
      clearTimeout(timer)
      resolve(buffered.slice(0, end))
    })
    child.process.on('exit', (code) => {
      clearTimeout(timer)
      reject(
        new Error(`the sandbox exited with ${String(code)} before starting: ${child.lastError()}`),
      )
    })
  })
  stdout.resume()
  const info = JSON.parse(line) as {
    url: string
    adminToken: string
    companies: SandboxCompanyInfo[]
  }
  return { ...child, ...info }
}

/** A port free right now on 127.0.0.1 (the hub is then told to use it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => {
        resolve(port)
      })
    })
  })
}

export interface HubChild extends Child {
  url: string
  /** Milliseconds from spawn until `/health` first answered 200. */
  startupMs: number
}

/** Polls `url` until it answers 200, every few milliseconds, up to a deadline. */
export async function waitForHealth(url: string, deadlineMs = startDeadlineMs): Promise<void> {
  const end = Date.now() + deadlineMs
  while (Date.now() < end) {
    try {
      const response = await fetch(url)
      await response.arrayBuffer()
      if (response.status === 200) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`${url} did not answer within ${String(deadlineMs)} ms`)
}

/** `passerelle start` on `dataDir`, pointed at the sandbox; logs (level info) go to a file. */
export async function startHubChild(
  options: { dataDir: string; sandboxUrl: string } & Omit<ChildOptions, 'stdoutFile'>,
): Promise<HubChild> {
  const port = await freePort()
  const args = [
    'start',
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--data-dir',
    options.dataDir,
    '--payfit-api-url',
    options.sandboxUrl,
    '--payfit-oauth-url',
    options.sandboxUrl,
    '--log-level',
    'info',
  ]
  const started = performance.now()
  const child = startChild(args, {
    nodeFlags: options.nodeFlags,
    compiledMain: options.compiledMain,
    bin: options.bin,
    stdoutFile: path.join(options.dataDir, 'hub.log'),
  })
  const url = `http://127.0.0.1:${String(port)}`
  try {
    await waitForHealth(`${url}/health`)
  } catch (error) {
    await child.stop()
    throw error
  }
  return { ...child, url, startupMs: performance.now() - started }
}

const clockTicks = 100

/** User + system CPU time of a process in milliseconds, from `/proc/<pid>/stat`. */
export function cpuTimeMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${String(pid)}/stat`, 'utf8')
  // The command name may hold spaces; fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  return ((utime + stime) / clockTicks) * 1000
}

/** Resident memory now and its high-water mark, in bytes, from `/proc/<pid>/status`. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${String(pid)}/status`, 'utf8')
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1])
  return { rss: kb('VmRSS') * 1024, peak: kb('VmHWM') * 1024 }
}
