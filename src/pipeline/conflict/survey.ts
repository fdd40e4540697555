import type { PullRequest, PullRequests } from '../../github/types.js'
import { compareVersions, tagVersion } from '../../versions/tags.js'
import type { Discovery } from '../discover.js'

/*
 * What the fork holds for this run's pull requests: the patch-carrier branches of each upstream tag, their
 * pull requests and the state recorded in them, and what a person did there (the resolution).
 */

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

/**
 * A hidden comment at the end of a patch-carrier pull request body recording what the action itself
 * pushed. A head of `patch-carrier/rebase/<tag>` that is neither this sha nor what the action would push
 * now is a person's work, and is never overwritten.
 */

export interface CarrierState {
  /** What the pull request is for: a rebase that stopped, or a clean one waiting for review. */
  kind: 'conflict' | 'review'
  /** The sha the action last pushed to `patch-carrier/rebase/<tag>`. */
  pushed: string
  /** The fork branch head the rebase started from: commits added after it are replayed on adoption. */
  branchHead: string
  /** A person's head the action already commented on (so it comments once per push). */
  noted?: string
}

const PATTERN =
  /<!-- patch-carrier:state kind=(conflict|review) pushed=([0-9a-f]{40,64}) branch-head=([0-9a-f]{40,64}) noted=([0-9a-f]{40,64}|-) -->/

export function renderState(state: CarrierState): string {
  return `<!-- patch-carrier:state kind=${state.kind} pushed=${state.pushed} branch-head=${state.branchHead} noted=${state.noted ?? '-'} -->`
}

/** The state recorded in a pull request body, or undefined when there is none. */
export function parseState(body: string | undefined): CarrierState | undefined {
  const match = PATTERN.exec(body ?? '')
  if (!match) return undefined
  const [, kind, pushed, branchHead, noted] = match as unknown as [
    string,
    CarrierState['kind'],
    string,
    string,
    string,
  ]
  return { kind, pushed, branchHead, ...(noted === '-' ? {} : { noted }) }
}

/** The body with its state record replaced (or appended). */
export function withState(body: string, state: CarrierState): string {
  const rendered = renderState(state)
  if (PATTERN.test(body)) return body.replace(PATTERN, rendered)
  return `${body.trimEnd()}\n\n${rendered}\n` // trimEnd: /\s+$/ is quadratic on a person's long body
}

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

/**
 * What a person did with a pull request, decided from the fork's refs and the recorded state:
 * - `merged`: the base branch moved off the tag (merged, or pushed to directly): its head is the resolution;
 * - `pushed`: the pull request branch holds a head the action did not push: a person's work;
 * - `unaccounted`: the branch differs from what the action would push and no record says whose it is;
 * - `none`: the branches hold only what the action pushed.
 */
export type Resolution =
  | { kind: 'merged'; sha: string }
  | { kind: 'pushed'; sha: string }
  | { kind: 'unaccounted'; sha: string }
  | { kind: 'none' }

/** `expected`: what the action would push to the pull request branch now (deterministic rebase), if known. */
export function resolutionOf(entry: CarrierEntry, expected?: string): Resolution {
  if (baseMoved(entry)) return { kind: 'merged', sha: entry.upstream! }
  const head = entry.rebase
  if (head === undefined || head === expected || head === entry.state?.pushed) return { kind: 'none' }
  return entry.state ? { kind: 'pushed', sha: head } : { kind: 'unaccounted', sha: head }
}

/** Shas in an entry's branches that may hold work the action did not produce (kept before deleting). */
export function foreignShas(entry: CarrierEntry, expected?: string): string[] {
  const shas: string[] = []
  if (baseMoved(entry)) shas.push(entry.upstream!)
  const head = entry.rebase
  if (head !== undefined && head !== entry.state?.pushed && head !== expected) shas.push(head)
  return shas
}
