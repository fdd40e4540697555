import { exec } from '@actions/exec'
import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { delimiter, resolve } from 'node:path'
import { childEnv } from './child-env.js'
import { runPiped, type Started } from './piped.js'

/** Result of an external program that ran to completion (whatever its exit code). */
export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

export interface RunOptions {
  cwd?: string
  /** Added to the allow-listed environment (see child-env.ts); undefined removes a variable. */
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
 * Runs a program with an argument array (never a shell), in the allow-listed environment plus
 * `options.env`, and collects its output; nothing is echoed to the log.
 * Throws CommandError on an exit code outside okCodes, MissingToolError when the program is absent.
 */
export async function run(
  program: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const out: Buffer[] = []
  const err: Buffer[] = []
  const started: Started = {
    cwd: options.cwd,
    env: childEnv(options.env),
    stderr: (chunk) => void err.push(chunk),
  }
  // looked up on the child's PATH, as spawn does (@actions/exec would look on the action's own)
  const path = await locate(program, started.env.PATH, options.cwd)
  if (!path) throw new MissingToolError(program, debianPackageOf[program] ?? program)
  let code: number
  try {
    code = await start(path, args, options, started, (chunk) => void out.push(chunk))
  } catch (error) {
    throw notInstalled(program, error) ?? error
  }
  const result = {
    code,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
  }
  if ((options.okCodes ?? [0]).includes(result.code)) return result
  throw new CommandError(program, args, result)
}

/** The exit code (128 for a signal). Without input the program's stdin stays open: none we run reads it. */
function start(
  program: string,
  args: readonly string[],
  options: RunOptions,
  started: Started,
  collect: (chunk: Buffer) => void,
): Promise<number> {
  // @actions/exec cannot: its stdin write crashes node (EPIPE) when a program exits unread, its listeners cannot pace output
  if (options.input !== undefined || options.stdoutTo) {
    return runPiped(program, args, { ...started, input: options.input, stdout: options.stdoutTo ?? collect })
  }
  const { cwd, env, stderr } = started
  const listeners = { stdout: collect, stderr }
  return exec(program, [...args], { cwd, env, listeners, silent: true, ignoreReturnCode: true }).then(
    (code: number | null) => code ?? 128,
  )
}

/** The MissingToolError for a program that could not be found (by @actions/exec, or by spawn: ENOENT). */
function notInstalled(program: string, error: unknown): MissingToolError | undefined {
  const absent =
    error instanceof Error &&
    ((error as NodeJS.ErrnoException).code === 'ENOENT' ||
      error.message.startsWith('Unable to locate executable file'))
  return absent ? new MissingToolError(program, debianPackageOf[program] ?? program) : undefined
}

/**
 * Fails with a MissingToolError naming the Debian package when a program is not on PATH: a lookup of the
 * PATH directories, as run() does it, without running anything.
 */
export async function requireTools(programs: readonly string[]): Promise<void> {
  for (const program of programs) {
    if (!(await locate(program, process.env.PATH))) {
      throw new MissingToolError(program, debianPackageOf[program] ?? program)
    }
  }
}

/** The executable file a program name stands for on `path` (a name with a slash: that file, from `cwd`). */
async function locate(program: string, path = '', cwd = process.cwd()): Promise<string | undefined> {
  const dirs = path.split(delimiter).filter(Boolean)
  const candidates = program.includes('/')
    ? [resolve(cwd, program)]
    : dirs.map((dir) => resolve(cwd, dir, program))
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK)
      if ((await stat(candidate)).isFile()) return candidate
    } catch {
      // not here
    }
  }
  return undefined
}
