import type { RebaseResult } from '../../git/rebase-types.js'
import type { GitRepo } from '../../git/repo.js'
import type { Packager } from '../../packaging/packager.js'
import type { Settings } from '../../action/settings.js'
import { compareVersions, tagVersion } from '../../versions/tags.js'
import type { Discovery } from '../discover.js'
import { adopt } from './adopt.js'
import { isAncestor } from './context.js'
import { pullRequestHead } from './placeholder.js'
import { rebaseChecked } from './rebase-checked.js'
import { rebaseBranch, upstreamBranch } from './refs.js'
import { resolutionOf } from './resolution.js'
import type { Retirement, SyncStep } from './steps.js'
import type { CarrierEntry } from './survey.js'

export interface DecideContext {
  /** The work repository: branch, target and previous tag, and every carrier branch fetched. */
  repo: GitRepo
  packager: Packager
  settings: Settings
  discovery: Discovery
  /** Carrier branches for the target tag and older ones, with their pull requests. */
  entries: readonly CarrierEntry[]
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
  const superseded = (reason: Retirement['reason']): Retirement[] => older.map((entry) => ({ entry, reason }))

  if (current) {
    const resolution = resolutionOf(current, expected)
    if (resolution.kind === 'merged') return adopt(context, current, resolution.sha, older)
    if (resolution.kind === 'unaccounted') {
      return {
        kind: 'hold',
        entry: current,
        sha: resolution.sha,
        pendingKind: own.kind === 'conflict' ? 'conflict' : 'review',
        message:
          `${rebaseBranch(current.tag)} holds commits that no open patch-carrier pull request accounts for: ` +
          'it is left alone. Delete the branch to have patch-carrier start over.',
      }
    }
    if (resolution.kind === 'pushed') {
      if (context.settings.review !== 'always') return adopt(context, current, resolution.sha, older)
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
  }

  for (const entry of older) {
    const resolution = resolutionOf(entry)
    if (resolution.kind !== 'merged' && resolution.kind !== 'pushed') continue
    const carried = await carryOver(context, entry, resolution.sha)
    if (carried?.kind === 'clean') {
      const retire = older.map(
        (other) => ({ entry: other, reason: other === entry ? 'carried' : 'superseded' }) as const,
      )
      return cleanStep(
        context,
        carried,
        current ? [...retire, { entry: current, reason: 'resolved', expected }] : retire,
      )
    }
  }

  if (own.kind === 'conflict') {
    if (current && isDismissed(current)) return dismissed(current, 'conflict')
    const conflict = { failed: own.failed, files: own.files, remaining: own.remaining }
    return {
      kind: 'conflict',
      head: own.head,
      carried: own.carried,
      dropped: own.dropped,
      conflict,
      retire: superseded('superseded'),
    }
  }
  if (current && isDismissed(current) && context.settings.review === 'always')
    return dismissed(current, 'review')
  const retire = superseded('superseded')
  return cleanStep(
    context,
    own,
    current ? [...retire, { entry: current, reason: 'resolved', expected }] : retire,
  )
}

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
