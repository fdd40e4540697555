import type { GitRepo } from '../git/repo.js'
import type { PullRequest } from '../github/types.js'
import type { Packager } from '../packaging/packager.js'
import { isAncestor } from '../git/ancestry.js'
import { parseState } from '../pipeline/conflict/survey.js'
import type { Settings } from '../action/settings.js'
import type { BackportPulls } from './pulls.js'
import { backportBranch } from './records.js'

/** What the run does with a version whose backport branch exists on the fork. */
export type Settled =
  /** The branch already contains it (the pull request was merged): the version is done. */
  | { kind: 'merged'; sha: string }
  /** A person finished it on the pull request branch: it becomes the branch head. */
  | { kind: 'adopt'; head: string }
  /** A person's push that cannot be taken: left alone, with one comment. */
  | { kind: 'hold'; sha: string; message: string }
  /** Only what the action pushed is there: port the version again (same result unless the branch moved). */
  | { kind: 'port' }

export interface SettleContext {
  repo: GitRepo
  packager: Packager
  settings: Settings
  pulls: BackportPulls
}

/** Decides from the branch, the fork branch head and the pull request's recorded state. */
export async function settle(
  context: SettleContext,
  head: string,
  version: string,
  sha: string,
): Promise<{ settled: Settled; pull?: PullRequest }> {
  const { repo, packager, settings, pulls } = context
  if (await isAncestor(repo, sha, head)) return { settled: { kind: 'merged', sha } }
  const pull = await pulls.open(version)
  const state = parseState(pull?.body)
  const hold = (message: string): { settled: Settled; pull: PullRequest | undefined } => ({
    settled: { kind: 'hold', sha, message },
    pull,
  })
  if (!pull || state?.pushed === sha) return { settled: { kind: 'port' }, pull }
  if (!state)
    return hold(
      `${backportBranch(version)} holds commits that no patch-carrier record in its pull request accounts for: ` +
        'it is left alone. Delete the branch to have patch-carrier start over.',
    )
  if (!(await isAncestor(repo, head, sha)))
    return hold(
      `The pushed history (${sha.slice(0, 12)}) does not contain the head of the fork branch (${head.slice(0, 12)}): ` +
        'patch-carrier cannot take it. Merge this pull request, or base the branch on the fork branch and push again.',
    )
  const checked = await packager.checkPatches(repo, sha, settings)
  if (checked.kind === 'conflict') {
    const name = checked.failed.kind === 'patch' ? checked.failed.name : checked.failed.commit.subject
    return hold(
      `The pushed history (${sha.slice(0, 12)}) still has a patch that does not apply at fuzz 0 (${name}): fix it and push again.`,
    )
  }
  return { settled: { kind: 'adopt', head: checked.head }, pull }
}
