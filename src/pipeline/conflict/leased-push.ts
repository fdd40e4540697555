import { EXACT_PACK } from '../../git/push.js'
import { withoutPromisors } from '../../git/objects.js'
import type { GitRepo } from '../../git/repo.js'

/** One ref to change on the fork, only if it still is what ls-remote showed at the start of the run. */
export interface LeasedUpdate {
  /** Full ref name on the fork. */
  ref: string
  /** The new sha; undefined deletes the ref. */
  sha?: string
  /** What the ref must point at now; undefined: it must not exist. */
  expected?: string
}

export type LeasedPushResult = { kind: 'pushed' } | { kind: 'moved'; detail: string }

/**
 * Pushes all updates in one atomic push, each ref with its own --force-with-lease: a ref someone changed
 * since the run read it (a person's push to a pull request branch) makes the whole push fail, changing
 * nothing. Authentication comes from the repository handle's environment (never the URL).
 */
export async function pushLeased(
  repo: GitRepo,
  url: string,
  updates: readonly LeasedUpdate[],
): Promise<LeasedPushResult> {
  if (updates.length === 0) return { kind: 'pushed' }
  const result = await repo.exec(
    [
      ...EXACT_PACK,
      'push',
      '--atomic',
      '--porcelain',
      '--no-verify',
      ...updates.map((update) => `--force-with-lease=${update.ref}:${update.expected ?? ''}`),
      '--end-of-options',
      url,
      ...updates.map((update) => `${update.sha ?? ''}:${update.ref}`),
    ],
    // a narrowly fetched work repository holds what the push sends: it needs to fetch nothing more
    { okCodes: [0, 1], env: withoutPromisors() },
  )
  if (result.code === 0) return { kind: 'pushed' }
  const rejected = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('!'))
    .join('\n')
  if (/stale info|cannot lock ref|already exists/.test(rejected + result.stderr)) {
    // `cannot lock ref`: another push moved the ref between our lease check and the server's update
    return { kind: 'moved', detail: rejected || result.stderr.trim() }
  }
  throw new Error(`git push to the fork failed:\n${(result.stderr || result.stdout).trim()}`)
}
