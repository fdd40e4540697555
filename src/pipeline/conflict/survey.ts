import type { PullRequest, PullRequests } from '../../github/types.js'
import { compareVersions, tagVersion } from '../../versions/tags.js'
import type { Discovery } from '../discover.js'
import { carrierBranchesOf, rebaseBranch, upstreamBranch, type CarrierBranches } from './refs.js'
import { parseState, type CarrierState } from './state-marker.js'

/** One upstream tag with patch-carrier branches on the fork, and what GitHub knows about its pull request. */
export interface CarrierEntry extends CarrierBranches {
  /** The tag's commit upstream (peeled), when upstream still has the tag. */
  tagCommit?: string
  /** The pull request between the two branches: the open one, else the merged one. */
  pull?: PullRequest
  /** What the action recorded in that pull request's body. */
  state?: CarrierState
}

/**
 * The carrier branches that matter for this run: those for the target tag or an older one (a newer tag's
 * branches belong to another run's explicit upstream-tag and are left alone). From the fork refs alone.
 */
export function relevantCarriers(discovery: Discovery): CarrierEntry[] {
  const target = discovery.target
  return carrierBranchesOf(discovery.fork.refs)
    .filter((branches) => {
      if (branches.tag === target.name) return true
      const version = tagVersion(branches.tag, discovery.order)
      return version !== undefined && compareVersions(version, target.version, discovery.order) < 0
    })
    .map((branches) => ({ ...branches, tagCommit: discovery.upstream.tagCommits.get(branches.tag) }))
}

/** The base branch moved off the tag: the pull request was merged (or a person pushed to the base). */
export const baseMoved = (entry: CarrierEntry): boolean =>
  entry.upstream !== undefined && entry.tagCommit !== undefined && entry.upstream !== entry.tagCommit

/**
 * Adds each entry's pull request and recorded state: one listing of the open patch-carrier pull requests,
 * plus a look for the merged one where the base branch moved and none is open.
 */
export async function readPullRequests(
  pulls: PullRequests,
  entries: readonly CarrierEntry[],
): Promise<CarrierEntry[]> {
  if (entries.length === 0) return []
  const open = await pulls.listOpen(rebaseBranch(''))
  const result: CarrierEntry[] = []
  for (const entry of entries) {
    const head = rebaseBranch(entry.tag)
    const base = upstreamBranch(entry.tag)
    let pull = open.find((candidate) => candidate.head === head && candidate.base === base)
    if (!pull && baseMoved(entry)) [pull] = await pulls.findMerged(head, base)
    result.push({ ...entry, pull, state: parseState(pull?.body) })
  }
  return result
}
