import type { GitRepo } from '../../git/repo.js'
import type { PullRequests } from '../../github/types.js'
import type { Settings } from '../../action/settings.js'
import type { Logger } from '../deps.js'
import type { Discovery } from '../discover.js'
import type { CarrierEntry } from './survey.js'

/** What the pull request steps of one run work with. */
export interface CarrierContext {
  settings: Settings
  discovery: Discovery
  log: Logger
  /** The work repository; its commands authenticate to the fork for this run only. */
  repo: GitRepo
  /** Pull requests of the fork; undefined when no repository is known (local runs). */
  pulls?: PullRequests
  /** Carrier branches for the target tag and older ones, with their pull requests. */
  entries: readonly CarrierEntry[]
}

/** Refs are only ever pushed when GitHub will accept the pull request that goes with them. */
export function requireToken(settings: Settings, what: string): void {
  if (!settings.githubToken)
    throw new Error(`github-token is empty: it is needed to ${what} (nothing was pushed)`)
}

export async function isAncestor(repo: GitRepo, ancestor: string, descendant: string): Promise<boolean> {
  const result = await repo.exec(['merge-base', '--is-ancestor', ancestor, descendant], {
    okCodes: [0, 1, 128],
  })
  return result.code === 0
}
