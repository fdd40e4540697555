import { createPullRequests } from '../github/pulls.js'
import type { PullRequest, PullRequests } from '../github/types.js'
import type { Logger } from '../pipeline/deps.js'
import type { Settings } from '../action/settings.js'
import { backportBranch } from './records.js'

/** The pull requests of backport branches, read only when a run needs them (never on a quiet run). */
export interface BackportPulls {
  /** Undefined when the fork's repository (owner/name) is unknown: a conflict is only reported. */
  client?: PullRequests
  /** The open pull request from a version's branch (one listing for all versions, on first use). */
  open(version: string): Promise<PullRequest | undefined>
  /** The newest closed pull request from a version's branch: merged (squashed, rebased) or dismissed. */
  closed(version: string): Promise<PullRequest | undefined>
}

export function backportPulls(settings: Settings, log: Logger): BackportPulls {
  const [owner, repo] = settings.repository.split('/')
  const client =
    owner && repo
      ? createPullRequests({
          token: settings.githubToken ?? '',
          apiUrl: settings.apiUrl,
          owner,
          repo,
          log: (message) => log.info(message),
        })
      : undefined
  // a dry run without a token plans without asking GitHub, as the sync mode does
  const readable = client !== undefined && (Boolean(settings.githubToken) || !settings.dryRun)
  let listing: Promise<PullRequest[]> | undefined
  return {
    client,
    async open(version) {
      if (!readable) return undefined
      listing ??= client.listOpen('patch-carrier/backport/')
      return (await listing).find((pull) => pull.head === backportBranch(version))
    },
    async closed(version) {
      if (!readable) return undefined
      return (await client.findClosed(backportBranch(version)))[0]
    },
  }
}
