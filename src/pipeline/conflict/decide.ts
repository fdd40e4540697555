import { downstreamCommits, rebaseDownstream } from '../../git/rebase.js'
import type { RebaseResult } from '../../git/rebase-types.js'
import { isAncestor } from '../../git/ancestry.js'
import type { GitRepo } from '../../git/repo.js'
import type { Packager } from '../../packaging/packager.js'
import type { Settings } from '../../action/settings.js'
import { compareVersions, tagVersion } from '../../versions/tags.js'
import type { Discovery } from '../discover.js'
import { pullRequestHead } from './pull-request.js'
import type { ConflictDetails, Retirement, SyncStep } from './steps.js'
import { rebaseBranch, resolutionOf, upstreamBranch, type CarrierEntry } from './survey.js'

/**
 * Deciding what a sync run does with the branch: rebase it, adopt a person's resolution of a pull request,
 * carry an older tag's resolution over, or hold still. Only the work repository changes here, never a ref
 * of the fork: the step decided is carried out by carrier.ts.
 */

export interface DecideContext {
  /** The work repository: branch, target and previous tag, and every carrier branch fetched. */
  repo: GitRepo
  packager: Packager
  settings: Settings
  discovery: Discovery
  /** Carrier branches for the target tag and older ones, with their pull requests. */
  entries: readonly CarrierEntry[]
}

/** What decideSync found before choosing: the branch's own rebase and the pull requests around it. */
interface Found {
  own: RebaseResult
  /** What the action would push to the target tag's pull request branch now. */
  expected: string
  /** The target tag's pull request branches, if any. */
  current?: CarrierEntry
  /** Older tags' pull request branches, newest first. */
  older: CarrierEntry[]
}

function newestFirst(entries: CarrierEntry[], order: Discovery['order']): CarrierEntry[] {
  const version = (entry: CarrierEntry): string => tagVersion(entry.tag, order) ?? ''
  return entries.sort((a, b) => compareVersions(version(b), version(a), order))
}

/**
 * Decides what the sync stage does, in this order: the branch already has the tag (settle); a person
 * resolved or merged the target tag's pull request (adopt it); a person resolved an older tag's pull
 * request and that rebases cleanly onto the target (carry it over); else rebase the branch itself.
 */
export async function decideSync(context: DecideContext): Promise<SyncStep> {
  const { discovery, entries } = context
  const target = discovery.target
  const current = entries.find((entry) => entry.tag === target.name)
  const older = newestFirst(
    entries.filter((entry) => entry !== current),
    discovery.order,
  )
  if (discovery.upToDate)
    return { kind: 'settle', retire: entries.map((entry) => ({ entry, reason: 'settled' })) }

  const own = await rebaseChecked({
    ...context,
    base: discovery.previous.commit,
    head: discovery.branchHead,
    onto: target.commit,
  })
  const expected = await pullRequestHead(context.repo, own.head, target, context.settings.maintainer)
  const found: Found = { own, expected, current, older }
  return (
    (current && (await personsWork(context, found, current))) ??
    (await carriedOver(context, found)) ??
    ownStep(context, found)
  )
}

/** What a person did on the target tag's pull request: adopt it, or leave it alone; undefined: nothing. */
async function personsWork(
  context: DecideContext,
  found: Found,
  current: CarrierEntry,
): Promise<SyncStep | undefined> {
  const resolution = resolutionOf(current, found.expected)
  if (resolution.kind === 'merged') return adopt(context, current, resolution.sha, found.older)
  if (resolution.kind === 'unaccounted') {
    return {
      kind: 'hold',
      entry: current,
      sha: resolution.sha,
      pendingKind: found.own.kind === 'conflict' ? 'conflict' : 'review',
      message:
        `${rebaseBranch(current.tag)} holds commits that no open patch-carrier pull request accounts for: ` +
        'it is left alone. Delete the branch to have patch-carrier start over.',
    }
  }
  if (resolution.kind !== 'pushed') return undefined
  if (context.settings.review !== 'always') return adopt(context, current, resolution.sha, found.older)
  return {
    kind: 'hold',
    entry: current,
    sha: resolution.sha,
    pendingKind: current.state?.kind ?? 'review',
    message:
      `Commits were pushed to this pull request's branch (now at ${resolution.sha.slice(0, 12)}): patch-carrier ` +
      'leaves them as they are. With `review: always` they are taken when this pull request is merged.',
  }
}

/** The newest older tag's resolution that rebases cleanly onto the target; undefined when none does. */
async function carriedOver(context: DecideContext, found: Found): Promise<SyncStep | undefined> {
  for (const entry of found.older) {
    const resolution = resolutionOf(entry)
    if (resolution.kind !== 'merged' && resolution.kind !== 'pushed') continue
    const carried = await carryOver(context, entry, resolution.sha)
    if (carried?.kind === 'clean') {
      const retire = found.older.map(
        (other) => ({ entry: other, reason: other === entry ? 'carried' : 'superseded' }) as const,
      )
      return cleanStep(context, carried, withResolved(retire, found))
    }
  }
  return undefined
}

/** The branch's own rebase: a conflict, or a clean head (unless the person dismissed the pull request). */
function ownStep(context: DecideContext, found: Found): SyncStep {
  const { own, current } = found
  const retire: Retirement[] = found.older.map((entry) => ({ entry, reason: 'superseded' }))
  if (own.kind === 'conflict') {
    if (current && isDismissed(current)) return dismissed(current, 'conflict')
    const conflict = { failed: own.failed, files: own.files, remaining: own.remaining }
    return { kind: 'conflict', head: own.head, carried: own.carried, dropped: own.dropped, conflict, retire }
  }
  if (current && isDismissed(current) && context.settings.review === 'always')
    return dismissed(current, 'review')
  return cleanStep(context, own, withResolved(retire, found))
}

/** The target tag's pull request goes too when the head resolves it. */
const withResolved = (retire: readonly Retirement[], found: Found): Retirement[] =>
  found.current
    ? [...retire, { entry: found.current, reason: 'resolved', expected: found.expected }]
    : [...retire]

/** A clean result: straight to the branch, or into a review pull request with `review: always`. */
function cleanStep(
  context: DecideContext,
  result: Extract<RebaseResult, { kind: 'clean' }>,
  retire: Retirement[],
): SyncStep {
  const { head, carried, dropped } = result
  if (context.settings.review === 'always') {
    return {
      kind: 'review',
      head,
      carried,
      dropped,
      retire: retire.filter((item) => item.reason !== 'resolved'),
    }
  }
  return { kind: 'head', head, carried, dropped, retire }
}

/** The person deleted the pull request branch (closing it): no new pull request for this tag. */
const isDismissed = (entry: CarrierEntry): boolean =>
  entry.rebase === undefined && entry.pull === undefined && entry.upstream === entry.tagCommit

function dismissed(entry: CarrierEntry, pendingKind: 'conflict' | 'review'): SyncStep {
  return {
    kind: 'hold',
    entry,
    pendingKind,
    message:
      `${rebaseBranch(entry.tag)} was deleted, which dismisses the pull request for ${entry.tag}: none is ` +
      `opened again. Delete ${upstreamBranch(entry.tag)} to have it reopened; a newer upstream tag opens a new one.`,
  }
}

/** Rebases an older tag's resolved history onto the target; undefined when the history cannot be used. */
async function carryOver(
  context: DecideContext,
  entry: CarrierEntry,
  sha: string,
): Promise<RebaseResult | undefined> {
  const base = entry.tagCommit
  if (base === undefined || !(await isAncestor(context.repo, base, sha))) return undefined
  return rebaseChecked({ ...context, base, head: sha, onto: context.discovery.target.commit })
}

/** Leaves a person's work on `entry` alone, saying why (a conflict when one stopped the check). */
function holdOn(entry: CarrierEntry, sha: string, message: string, conflict?: ConflictDetails): SyncStep {
  return { kind: 'hold', entry, sha, message, conflict, pendingKind: entry.state?.kind ?? 'conflict' }
}

/**
 * Takes a person's resolution of the target tag's pull request as the new branch head, when it is based on
 * the tag and its patches apply; commits added to the branch since the pull request opened are replayed.
 */
async function adopt(
  context: DecideContext,
  entry: CarrierEntry,
  sha: string,
  older: readonly CarrierEntry[],
): Promise<SyncStep> {
  const { repo, discovery, settings, packager } = context
  const target = discovery.target
  if (!(await isAncestor(repo, target.commit, sha))) {
    return holdOn(
      entry,
      sha,
      `The resolved history (${sha.slice(0, 12)}) does not contain the upstream tag ${target.name}: ` +
        'patch-carrier cannot take it. Base it on the pull request branch and push again.',
    )
  }
  const replayed = await replayAdded(context, entry, sha)
  if (typeof replayed !== 'string') return replayed
  const patches = await packager.checkPatches(repo, replayed, settings, target.commit)
  if (patches.kind === 'conflict') {
    return holdOn(
      entry,
      sha,
      `The resolved history (${sha.slice(0, 12)}) still has a patch that does not apply without fuzz: fix it and push again.`,
      { failed: patches.failed, files: patches.files, remaining: [] },
    )
  }
  const head = patches.head
  return {
    kind: 'head',
    head,
    carried: await downstreamCommits(repo, target.commit, head),
    dropped: patches.dropped,
    retire: [
      { entry, reason: 'adopted' },
      ...older.map((other) => ({ entry: other, reason: 'superseded' }) as const),
    ],
    note: `Adopted the resolution of ${rebaseBranch(target.name)} (${sha.slice(0, 12)})`,
  }
}

/** The resolution with the commits added to the branch since the pull request opened: its head, or a hold. */
async function replayAdded(
  context: DecideContext,
  entry: CarrierEntry,
  sha: string,
): Promise<string | SyncStep> {
  const { repo, discovery, settings, packager } = context
  const recorded = entry.state?.branchHead
  if (recorded === undefined || recorded === discovery.branchHead) return sha
  if (!(await isAncestor(repo, recorded, discovery.branchHead))) {
    return holdOn(
      entry,
      sha,
      `${discovery.branch} was rewritten since this pull request was opened: patch-carrier cannot tell which of ` +
        'its commits the resolution lacks. Move the branch by hand, or delete this pull request branch to start over.',
    )
  }
  const replay = await rebaseDownstream({
    repo,
    onto: sha,
    base: recorded,
    head: discovery.branchHead,
    committer: settings.maintainer,
    resolvers: packager.resolvers,
  })
  if (replay.kind === 'clean') return replay.head
  return holdOn(
    entry,
    sha,
    `Commits added to ${discovery.branch} since this pull request was opened do not apply to the resolved ` +
      'history: resolve them on this branch too.',
    { failed: replay.failed, files: replay.files, remaining: replay.remaining },
  )
}

interface CheckedRebaseRequest {
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
async function rebaseChecked(request: CheckedRebaseRequest): Promise<RebaseResult> {
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
