import { rebaseDownstream } from '../../git/rebase.js'
import type { RebaseResult } from '../../git/rebase-types.js'
import type { GitRepo } from '../../git/repo.js'
import type { Packager } from '../../packaging/packager.js'
import type { Settings } from '../../action/settings.js'

export interface CheckedRebaseRequest {
  repo: GitRepo
  packager: Packager
  settings: Settings
  /** The upstream commit the commits are based on. */
  base: string
  /** The head whose commits base..head are carried. */
  head: string
  /** The new upstream commit. */
  onto: string
}

/**
 * Rebases base..head onto `onto` with the packager's merges, then checks that every patch still applies:
 * a quilt patch that no longer does is a conflict too (everything before it applied).
 */
export async function rebaseChecked(request: CheckedRebaseRequest): Promise<RebaseResult> {
  const { repo, packager, settings } = request
  const result = await rebaseDownstream({
    repo,
    onto: request.onto,
    base: request.base,
    head: request.head,
    committer: settings.maintainer,
    resolvers: packager.resolvers,
  })
  if (result.kind === 'conflict') return result
  const patches = await packager.checkPatches(repo, result.head, settings, request.onto)
  if (patches.kind === 'conflict') {
    return {
      ...result,
      kind: 'conflict',
      failed: patches.failed,
      files: patches.files,
      head: patches.head,
      remaining: [],
    }
  }
  return { ...result, head: patches.head, dropped: [...result.dropped, ...patches.dropped] }
}
