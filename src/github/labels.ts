import { GitHubApiError } from './errors.js'
import type { Octokit } from './octokit.js'

export interface RepoRef {
  owner: string
  repo: string
}

/** Colour and description for labels patch-carrier creates. */
const NEW_LABEL = { color: 'd93f0b', description: 'Opened by patch-carrier' }

/** Makes sure each label exists in the repository: looked up first, created only when missing. */
export async function ensureLabels(octokit: Octokit, repo: RepoRef, names: readonly string[]): Promise<void> {
  for (const name of new Set(names)) {
    try {
      await octokit.rest.issues.getLabel({ ...repo, name })
      continue
    } catch (error) {
      if (!(error instanceof GitHubApiError && error.status === 404)) throw error
    }
    try {
      await octokit.rest.issues.createLabel({ ...repo, name, ...NEW_LABEL })
    } catch (error) {
      // 422 already_exists: another run created it between our look-up and now.
      if (!(error instanceof GitHubApiError && error.status === 422)) throw error
    }
  }
}
