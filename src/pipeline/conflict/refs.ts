/**
 * The fork branches of patch-carrier's pull requests. For each upstream tag `<tag>` one pull request goes
 * from `patch-carrier/rebase/<tag>` (the rebased downstream commits) into `patch-carrier/upstream/<tag>`
 * (exactly the upstream tag's commit), so its diff shows only the downstream changes.
 */

const REBASE = 'patch-carrier/rebase/'
const UPSTREAM = 'patch-carrier/upstream/'

export const rebaseBranch = (tag: string): string => `${REBASE}${tag}`
export const upstreamBranch = (tag: string): string => `${UPSTREAM}${tag}`
export const headsRef = (branch: string): string => `refs/heads/${branch}`

/** The patch-carrier branches the fork has for one upstream tag (shas as ls-remote showed them). */
export interface CarrierBranches {
  tag: string
  /** Head of `patch-carrier/rebase/<tag>`, when the branch exists. */
  rebase?: string
  /** Head of `patch-carrier/upstream/<tag>`, when the branch exists. */
  upstream?: string
}

/** Every upstream tag with patch-carrier branches on the fork, from the fork's refs alone. */
export function carrierBranchesOf(forkRefs: ReadonlyMap<string, string>): CarrierBranches[] {
  const byTag = new Map<string, CarrierBranches>()
  const entry = (tag: string): CarrierBranches => {
    let found = byTag.get(tag)
    if (!found) byTag.set(tag, (found = { tag }))
    return found
  }
  for (const [ref, sha] of forkRefs) {
    if (ref.startsWith(`refs/heads/${REBASE}`)) entry(ref.slice(`refs/heads/${REBASE}`.length)).rebase = sha
    else if (ref.startsWith(`refs/heads/${UPSTREAM}`))
      entry(ref.slice(`refs/heads/${UPSTREAM}`.length)).upstream = sha
  }
  return [...byTag.values()].filter((branches) => branches.tag !== '')
}
