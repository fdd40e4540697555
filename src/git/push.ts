import { run } from '../process/run.js'
import { listRemote } from './remote.js'

export interface RefUpdate {
  /** Full ref name on the remote. */
  ref: string
  /** '' deletes the ref (in the same atomic push). */
  sha: string
}

/**
 * The pack a push sends leaves out every object the fork's refs already reach, by walking their whole trees
 * (git's default, the `sparse` walk, may send some again): a work repository fetched narrowly lacks those.
 */
export const EXACT_PACK = ['-c', 'pack.useSparse=false'] as const

export type PushResult = { kind: 'pushed' } | { kind: 'moved'; detail: string }

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
  const refspecs = options.updates.map((update) => `${update.sha}:${update.ref}`)
  const result = await run(
    'git',
    [
      '--git-dir',
      options.gitDir,
      ...EXACT_PACK,
      'push',
      '--atomic',
      '--porcelain',
      '--no-verify',
      `--force-with-lease=${options.branchRef}:${options.expected}`,
      '--end-of-options',
      options.url,
      ...refspecs,
    ],
    { env: { GIT_TERMINAL_PROMPT: '0', ...options.env }, okCodes: [0, 1] },
  )
  if (result.code === 0) return { kind: 'pushed' }
  const rejected = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('!'))
    .join('\n')
  if (/stale info|cannot lock ref/.test(rejected + result.stderr)) {
    // `cannot lock ref`: another push moved the ref between our lease check and the server's update
    return { kind: 'moved', detail: rejected || result.stderr.trim() }
  }
  throw new Error(`git push to the fork failed:\n${(result.stderr || result.stdout).trim()}`)
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
  const env = { GIT_TERMINAL_PROMPT: '0', ...options.env }
  const result = await run(
    'git',
    [
      '--git-dir',
      options.gitDir,
      ...EXACT_PACK,
      'push',
      '--porcelain',
      '--no-verify',
      `--force-with-lease=${options.ref}:`,
      '--end-of-options',
      options.url,
      `${options.sha}:${options.ref}`,
    ],
    { env, okCodes: [0, 1] },
  )
  if (result.code === 0) return { kind: 'created' }
  const now = (await listRemote(options.url, env)).refs.get(options.ref)
  if (now === options.sha) return { kind: 'created' }
  const detail = (result.stderr || result.stdout).trim()
  if (now === undefined) throw new Error(`git push of ${options.ref} to the fork failed:\n${detail}`)
  return { kind: 'exists', sha: now }
}
