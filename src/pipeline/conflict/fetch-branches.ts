import type { GitRepo } from '../../git/repo.js'
import { forkRef } from '../../git/workspace.js'
import { headsRef, rebaseBranch, upstreamBranch } from './refs.js'
import type { CarrierEntry } from './survey.js'

/** Fetches the carrier branches into the work repository (one fetch; none when there are none). */
export async function fetchCarrierBranches(
  repo: GitRepo,
  url: string,
  entries: readonly CarrierEntry[],
): Promise<void> {
  const wanted: [string, string][] = []
  for (const entry of entries) {
    if (entry.rebase) wanted.push([headsRef(rebaseBranch(entry.tag)), entry.rebase])
    if (entry.upstream) wanted.push([headsRef(upstreamBranch(entry.tag)), entry.upstream])
  }
  if (wanted.length === 0) return
  await repo.exec([
    'fetch',
    '--quiet',
    '--no-tags',
    '--end-of-options',
    url,
    ...wanted.map(([ref]) => `+${ref}:${forkRef(ref)}`),
  ])
  for (const [ref, sha] of wanted) {
    if ((await repo.resolve(`${sha}^{commit}`)) === undefined) {
      throw new Error(`${ref} moved on the fork while it was being fetched: nothing was changed; run again`)
    }
  }
}
