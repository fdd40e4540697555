import createDebug from 'debug'
import { simpleGit, type SimpleGitOptions } from 'simple-git'
import { allowed, childEnv } from '../process/child-env.js'
import { CommandError, MissingToolError, type RunResult } from '../process/run.js'

export interface GitOptions {
  /** Where git runs (default: the repository's work tree, or its git directory). */
  cwd?: string
  /** Added to the command's environment (identity, auth header, GIT_INDEX_FILE, …). */
  env?: Record<string, string | undefined>
  /** Written to git's standard input. */
  input?: string | Buffer
  /** Exit codes that are not failures (default: only 0): a conflict or a "no" is a value. */
  okCodes?: number[]
  /** Send stdout to this stream instead of collecting it (archives, blobs). */
  stdoutTo?: NodeJS.WritableStream
}

// simple-git's debug log (DEBUG=simple-git, DEBUG=*) prints each command's environment, the auth header too
createDebug.enable([createDebug.disable(), '-simple-git*'].filter(Boolean).join(','))

/**
 * The git variables our commands set, named to simple-git's environment guard with those child-env.ts
 * passes on from the runner (GIT_CONFIG_GLOBAL, GIT_SSH_COMMAND, …); any other one is refused.
 */
const gitVariables = new Set([
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_TERMINAL_PROMPT',
  'GIT_PROTOCOL',
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_AUTHOR_DATE',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'GIT_COMMITTER_DATE',
  'GIT_CONFIG_COUNT',
])
const ours = (name: string) => gitVariables.has(name) || /^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(name)

/** Config keys our commands set (through `-c`, `git config` or GIT_CONFIG_KEY_n) beyond simple-git's safe list. */
const allowConfig = [
  'remote.*.url',
  'remote.*.promisor',
  'remote.*.partialclonefilter',
  'fetch.negotiationalgorithm',
  'pack.usesparse',
]

/**
 * Runs `git <args>` through simple-git and returns its exit code and output; an exit code outside okCodes
 * throws a CommandError with git's own words. One simple-git instance per command: input, environment,
 * the stdout stream and the exit-code capture are instance settings in simple-git.
 */
export async function runGit(
  args: readonly string[],
  options: GitOptions & { cwd: string },
): Promise<RunResult> {
  let outcome: { code: number; stderr: Buffer[] } | undefined
  const settings: Partial<SimpleGitOptions> = {
    baseDir: options.cwd,
    binary: 'git',
    allowConfig,
    // done when git's output is closed: simple-git's default also starts a 50 ms timer at exit, which
    // keeps the process alive that long after its last git command
    completion: { onClose: true, onExit: false },
    // always end stdin (an empty Buffer, not ''): a command that reads it must not wait for more
    input: () => (options.input === undefined ? Buffer.alloc(0) : Buffer.from(options.input)),
    errors: (_error, result) => {
      outcome = { code: result.exitCode, stderr: result.stdErr }
      return undefined // the exit code is judged below, against okCodes
    },
  }
  const env = gitEnv(options.env ?? {})
  const allowEnvironment = Object.keys(env).filter((name) => ours(name) || allowed(name))
  const git = simpleGit({ ...settings, allowEnvironment })
    .env(env)
    .outputHandler((_command, stdout) => {
      // simple-git also keeps all of stdout in memory: a stream sink takes it alone
      if (options.stdoutTo) stdout.removeAllListeners('data').pipe(options.stdoutTo)
      // simple-git waits 50 ms more after a command that printed nothing: an empty chunk says it did
      queueMicrotask(() => stdout.emit('data', Buffer.alloc(0)))
    })
  const stdout = await git.raw([...args])
  const result = {
    code: outcome?.code ?? 1,
    stdout,
    stderr: Buffer.concat(outcome?.stderr ?? []).toString('utf8'),
  }
  if (result.code < 0 && /spawn git ENOENT/.test(result.stderr)) throw new MissingToolError('git', 'git')
  if (!(options.okCodes ?? [0]).includes(result.code)) throw new CommandError('git', args, result)
  return result
}

/**
 * The command's environment: the allow-listed one (childEnv), `GIT_TERMINAL_PROMPT=0`, then `extra`.
 * simple-git refuses GIT_CONFIG_PARAMETERS (it cannot check its content): its entries go on as
 * GIT_CONFIG_KEY_n/VALUE_n after the auth header's, which simple-git checks against allowConfig.
 */
function gitEnv(extra: Record<string, string | undefined>): Record<string, string> {
  const { GIT_CONFIG_PARAMETERS: parameters, ...rest } = extra
  const env = childEnv({ GIT_TERMINAL_PROMPT: '0', ...rest })
  const entries = parameters ? unquoteParameters(parameters) : []
  if (entries.length === 0) return env
  const first = Number(env.GIT_CONFIG_COUNT ?? 0)
  entries.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${first + index}`] = key
    env[`GIT_CONFIG_VALUE_${first + index}`] = value
  })
  env.GIT_CONFIG_COUNT = String(first + entries.length)
  return env
}

/** `'key=value' 'key=value'` (git's sq_quote, as promisorEnv writes it) as [key, value] pairs. */
function unquoteParameters(text: string): [string, string][] {
  const words: string[] = []
  let word: string | undefined
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (char === "'") {
      const end = text.indexOf("'", i + 1)
      word = (word ?? '') + text.slice(i + 1, end < 0 ? text.length : end)
      i = end < 0 ? text.length : end
    } else if (char === '\\') word = (word ?? '') + (text[++i] ?? '')
    else if (char === ' ') {
      if (word !== undefined) words.push(word)
      word = undefined
    } else word = (word ?? '') + char
  }
  if (word !== undefined) words.push(word)
  return words.map((entry) => {
    const equals = entry.indexOf('=')
    return equals < 0 ? [entry, 'true'] : [entry.slice(0, equals), entry.slice(equals + 1)]
  })
}
