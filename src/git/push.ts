import type { RunResult } from '../process/run.js'
import { withoutPromisors } from './objects.js'
import { listRemote } from './remote.js'
import { GitRepo } from './repo.js'

export interface RefUpdate {
  /** Full ref name on the remote. */
  ref: string
  /** '' deletes the ref (in the same atomic push). */
  sha: string
}

/** One ref to change on the fork, only if it still is what ls-remote showed at the start of the run. */
export interface LeasedUpdate {
  /** Full ref name on the fork. */
  ref: string
  /** The new sha; undefined deletes the ref. */
  sha?: string
  /** What the ref must point at now; undefined: it must not exist. */
  expected?: string
}

/**
 * The pack a push sends leaves out every object the fork's refs already reach, by walking their whole trees
 * (git's default, the `sparse` walk, may send some again): a work repository fetched narrowly lacks those.
 */
export const EXACT_PACK = ['-c', 'pack.useSparse=false'] as const

export type PushResult = { kind: 'pushed' } | { kind: 'moved'; detail: string }

interface PushRequest {
  url: string
  atomic: boolean
  /** Refs pushed only while they still point at the sha given ('' : while they do not exist). */
  leases: readonly { ref: string; expected: string }[]
  refspecs: readonly string[]
  env?: Record<string, string>
}

/** `git push --porcelain` of the refspecs with their leases; a rejection (exit code 1) is returned. */
function push(repo: GitRepo, request: PushRequest): Promise<RunResult> {
  return repo.exec(
    [
      ...EXACT_PACK,
      'push',
      ...(request.atomic ? ['--atomic'] : []),
      '--porcelain',
      '--no-verify',
      ...request.leases.map((lease) => `--force-with-lease=${lease.ref}:${lease.expected}`),
      '--end-of-options',
      request.url,
      ...request.refspecs,
    ],
    { okCodes: [0, 1], env: request.env },
  )
}

/** A rejection whose output matches `moved` is a value (a ref moved meanwhile); any other failure throws. */
function pushOutcome(result: RunResult, moved: RegExp): PushResult {
  if (result.code === 0) return { kind: 'pushed' }
  const rejected = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('!'))
    .join('\n')
  if (moved.test(rejected + result.stderr)) {
    // `cannot lock ref`: another push moved the ref between our lease check and the server's update
    return { kind: 'moved', detail: rejected || result.stderr.trim() }
  }
  throw new Error(`git push to the fork failed:\n${(result.stderr || result.stdout).trim()}`)
}

/**
 * Pushes all updates atomically: the branch moves only if it still points at `expected`
 * (--force-with-lease), and the other refs (archive, build tags) go with it or not at all.
 */
export async function pushAtomic(options: {
  gitDir: string
  url: string
  branchRef: string
  expected: string
  updates: readonly RefUpdate[]
  env?: Record<string, string>
}): Promise<PushResult> {
  const result = await push(new GitRepo(options.gitDir, undefined, options.env), {
    url: options.url,
    atomic: true,
    leases: [{ ref: options.branchRef, expected: options.expected }],
    refspecs: options.updates.map((update) => `${update.sha}:${update.ref}`),
  })
  return pushOutcome(result, /stale info|cannot lock ref/)
}

/**
 * Pushes all updates in one atomic push, each ref with its own --force-with-lease: a ref someone changed
 * since the run read it (a person's push to a pull request branch) makes the whole push fail, changing
 * nothing. Authentication comes from the repository handle's environment (never the URL).
 */
export async function pushLeased(
  repo: GitRepo,
  url: string,
  updates: readonly LeasedUpdate[],
): Promise<PushResult> {
  if (updates.length === 0) return { kind: 'pushed' }
  const result = await push(repo, {
    url,
    atomic: true,
    leases: updates.map((update) => ({ ref: update.ref, expected: update.expected ?? '' })),
    refspecs: updates.map((update) => `${update.sha ?? ''}:${update.ref}`),
    // a narrowly fetched work repository holds what the push sends: it needs to fetch nothing more
    env: withoutPromisors(),
  })
  return pushOutcome(result, /stale info|cannot lock ref|already exists/)
}

export type NewRefResult = { kind: 'created' } | { kind: 'exists'; sha: string }

/**
 * Creates `ref` on the remote at `sha`, leased to not exist yet (a ref already at `sha` counts as
 * created: a run on the same state made it). Otherwise says what the remote holds there now.
 */
export async function pushNewRef(options: {
  gitDir: string
  url: string
  ref: string
  sha: string
  env?: Record<string, string>
}): Promise<NewRefResult> {
  const result = await push(new GitRepo(options.gitDir, undefined, options.env), {
    url: options.url,
    atomic: false,
    leases: [{ ref: options.ref, expected: '' }],
    refspecs: [`${options.sha}:${options.ref}`],
  })
  if (result.code === 0) return { kind: 'created' }
  const now = (await listRemote(options.url, options.env)).refs.get(options.ref)
  if (now === options.sha) return { kind: 'created' }
  const detail = (result.stderr || result.stdout).trim()
  if (now === undefined) throw new Error(`git push of ${options.ref} to the fork failed:\n${detail}`)
  return { kind: 'exists', sha: now }
}
