import { spawn } from 'node:child_process'
import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { delimiter, join } from 'node:path'

/** Result of an external program that ran to completion (whatever its exit code). */
export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

export interface RunOptions {
  cwd?: string
  /** Added to (not replacing) the inherited environment. */
  env?: Record<string, string | undefined>
  /** Written to the program's standard input. */
  input?: string | Buffer
  /** Exit codes that are not failures (default: only 0). */
  okCodes?: number[]
  /** Send stdout to this stream instead of collecting it (large outputs such as tarballs). */
  stdoutTo?: NodeJS.WritableStream
}

/** An external program failed; the message names the program and carries its own words. */
export class CommandError extends Error {
  constructor(
    readonly program: string,
    readonly args: readonly string[],
    readonly result: RunResult,
  ) {
    const detail = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-15).join('\n')
    super(
      `${program} ${program === 'git' ? gitSubcommand(args) : (args[0] ?? '')} failed (exit ${result.code})${detail ? `:\n${detail}` : ''}`,
    )
    this.name = 'CommandError'
  }
}

/** git options before the subcommand that take the next argument as their value. */
const valueOptions = new Set(['--git-dir', '--work-tree', '-C', '-c', '--namespace'])

/** The subcommand a message names: `fetch` in `git --git-dir D --work-tree W fetch …`, not `--git-dir`. */
function gitSubcommand(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (valueOptions.has(arg)) i++
    else if (!arg.startsWith('-')) return arg
  }
  return args[0] ?? ''
}

/** A required program is not installed. */
export class MissingToolError extends Error {
  constructor(program: string, debianPackage: string) {
    super(
      `'${program}' was not found: install the Debian package '${debianPackage}' (apt-get install ${debianPackage})`,
    )
    this.name = 'MissingToolError'
  }
}

/** Which Debian package provides each program we run; used for "not installed" messages. */
const debianPackageOf: Record<string, string> = {
  git: 'git',
  'dpkg-source': 'dpkg-dev',
  'dpkg-mergechangelogs': 'dpkg-dev',
  dpkg: 'dpkg',
  'pristine-tar': 'pristine-tar',
  quilt: 'quilt',
  patch: 'patch',
  diff: 'diffutils',
  rpmbuild: 'rpm',
  rpmspec: 'rpm',
  'ssh-keygen': 'openssh-client',
  tar: 'tar',
  gzip: 'gzip',
  gpg: 'gnupg',
  gpgv: 'gpgv',
  xz: 'xz-utils',
}

/**
 * Runs a program with an argument array (never a shell) and collects its output.
 * Throws CommandError on an exit code outside okCodes, MissingToolError when the program is absent.
 */
export function run(program: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: { ...inheritedEnv(), ...options.env },
      stdio: 'pipe',
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    if (options.stdoutTo) child.stdout.pipe(options.stdoutTo)
    else child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') reject(new MissingToolError(program, debianPackageOf[program] ?? program))
      else reject(error)
    })
    child.stdin.on('error', () => undefined) // the program may exit before reading its input
    child.stdin.end(options.input ?? '')
    child.on('close', (code, signal) => {
      const result = {
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }
      if ((options.okCodes ?? [0]).includes(result.code)) resolve(result)
      else reject(new CommandError(program, args, result))
    })
  })
}

/** Runner variables that hold credentials: no program the action runs needs them. */
const runnerSecrets = new Set(['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'])

/**
 * The action's environment without its inputs (`INPUT_*`: github-token, obs-password, obs-ssh-key are
 * among them) and the runner's tokens: a build tool that dumps its environment (a spec's `%(env)`, a
 * failing tool's debug output) must not carry a secret into a file, a log or OBS. Secrets a program
 * needs are passed explicitly through `options.env`.
 */
export function inheritedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  for (const name of Object.keys(env))
    if (name.startsWith('INPUT_') || runnerSecrets.has(name)) delete env[name]
  return env
}

/**
 * Fails with a MissingToolError naming the Debian package when a program is not on PATH: a lookup of the
 * PATH directories, as the spawn will do it, without running anything.
 */
export async function requireTools(programs: readonly string[]): Promise<void> {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean)
  for (const program of programs) {
    const candidates = program.includes('/') ? [program] : dirs.map((dir) => join(dir, program))
    if (!(await someExecutable(candidates))) {
      throw new MissingToolError(program, debianPackageOf[program] ?? program)
    }
  }
}

async function someExecutable(paths: readonly string[]): Promise<boolean> {
  for (const path of paths) {
    try {
      await access(path, constants.X_OK)
      if ((await stat(path)).isFile()) return true
    } catch {
      // not here
    }
  }
  return false
}
