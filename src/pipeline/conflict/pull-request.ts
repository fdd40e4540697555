import type { Settings } from '../../action/settings.js'
import { importRef } from '../../archive/refs.js'
import { commitDate, commitTree } from '../../git/commit-tree.js'
import { pushLeased, type LeasedUpdate } from '../../git/push.js'
import type { CommitInfo, ConflictFile, FailedStep } from '../../git/rebase-types.js'
import type { GitRepo, Identity } from '../../git/repo.js'
import { shellCommands } from '../../git/shell-commands.js'
import { clipTitle, oneLine, renderConflictBody, renderConflictTitle } from '../../github/body.js'
import { codeSpan, escapeInline } from '../../github/markdown.js'
import { renderConflictMarker } from '../../github/marker.js'
import type { PullRequest } from '../../github/types.js'
import type { PullRequestOperation } from '../report.js'
import type { CarrierContext } from './carrier.js'
import type { SyncStep } from './steps.js'
import { headsRef, rebaseBranch, upstreamBranch, withState, type CarrierState } from './survey.js'

/**
 * The pull request of a conflict or a review: its two branches pushed to the fork (leased), its title and
 * body, and the commands that finish a stopped rebase by hand.
 */

/** The one label every patch-carrier pull request gets. */
export const PULL_REQUEST_LABEL = 'patch-carrier'

/** Refs are only ever pushed when GitHub will accept the pull request that goes with them. */
export function requireToken(settings: Settings, what: string): void {
  if (!settings.githubToken)
    throw new Error(`github-token is empty: it is needed to ${what} (nothing was pushed)`)
}

export type PullRequestStep = Extract<SyncStep, { kind: 'conflict' | 'review' }>

export interface Opened {
  pullRequest?: PullRequest
  /** created; updated when its branches or its text changed; none on a re-run that changed nothing. */
  operation: PullRequestOperation
  /** What a dry run would have done. */
  plan: string[]
}

/**
 * Pushes `patch-carrier/upstream/<tag>` (the tag's commit) and `patch-carrier/rebase/<tag>` (what applied),
 * each leased against what the run read, then opens or updates the one pull request between them.
 */
export async function openPullRequest(context: CarrierContext, step: PullRequestStep): Promise<Opened> {
  const { settings, discovery, repo } = context
  const target = discovery.target
  const head = await pullRequestHead(repo, step.head, target, settings.maintainer)
  const text = pullRequestText(context, step, {
    kind: step.kind,
    pushed: head,
    branchHead: discovery.branchHead,
  })
  const updates = branchUpdates(context, head)
  const pr = `${rebaseBranch(target.name)} → ${upstreamBranch(target.name)}`
  if (settings.dryRun) {
    const plan = updates.map((update) => `push ${update.sha!.slice(0, 12)} to ${update.ref}`)
    return {
      operation: 'none',
      plan: [...plan, `open or update the pull request ${pr}, titled "${text.title}"`],
    }
  }
  requireToken(settings, `open the pull request ${pr}`)
  const pushed = await pushLeased(repo, settings.remoteUrl, updates)
  if (pushed.kind === 'moved') {
    throw new Error(
      `The pull request branches for ${target.name} changed on the fork during the run: nothing was pushed; ` +
        `the next run looks again.\n${pushed.detail}`,
    )
  }
  const { pullRequest, action } = await context.pulls!.ensure({
    head: rebaseBranch(target.name),
    base: upstreamBranch(target.name),
    ...text,
    labels: [PULL_REQUEST_LABEL],
  })
  context.log.info(`Pull request #${pullRequest.number} ${action}: ${pullRequest.url}`)
  const operation =
    action === 'created' ? 'created' : action === 'updated' || updates.length > 0 ? 'updated' : 'none'
  return { pullRequest, operation, plan: [] }
}

/** The refs of the pull request that differ from what the fork holds, each leased to what the run read. */
function branchUpdates(context: CarrierContext, head: string): LeasedUpdate[] {
  const { discovery } = context
  const target = discovery.target
  const current = context.entries.find((entry) => entry.tag === target.name)
  const updates: LeasedUpdate[] = []
  if (current?.upstream !== target.commit) {
    updates.push({
      ref: headsRef(upstreamBranch(target.name)),
      sha: target.commit,
      expected: current?.upstream,
    })
  }
  if (current?.rebase !== head) {
    updates.push({ ref: headsRef(rebaseBranch(target.name)), sha: head, expected: current?.rebase })
  }
  // an import made by this run goes with its branch, so the next run (and a person) find it by name
  const imported = discovery.archive ? importRef(target.name) : undefined
  if (imported && discovery.fork.refs.get(imported) !== target.commit) {
    updates.push({ ref: imported, sha: target.commit, expected: discovery.fork.refs.get(imported) })
  }
  return updates
}

/**
 * The head to push to a pull request branch. GitHub refuses a pull request without commits, so when
 * nothing applied on top of the tag the branch gets one empty commit saying so. It is made with fixed
 * dates (the tag's), so re-runs produce the same sha; a later rebase drops it as empty.
 */
export async function pullRequestHead(
  repo: GitRepo,
  head: string,
  tag: { name: string; commit: string },
  committer: Identity,
): Promise<string> {
  if (head !== tag.commit) return head
  const message =
    `patch-carrier: pull request for ${tag.name}\n\n` +
    'Nothing of the downstream history applies on top of the tag yet. This empty commit only lets the\n' +
    'pull request exist: push the resolved history on top of it.\n'
  return commitTree(repo, {
    tree: `${tag.commit}^{tree}`,
    parents: [tag.commit],
    message,
    identity: committer,
    date: await commitDate(repo, tag.commit),
  })
}

interface PullRequestText {
  title: string
  body: string
}

function pullRequestText(
  context: CarrierContext,
  step: PullRequestStep,
  state: CarrierState,
): PullRequestText {
  const { discovery } = context
  const common = {
    branch: discovery.branch,
    upstreamTag: discovery.target.name,
    previousTag: discovery.previous.name,
    state,
  }
  return step.kind === 'conflict'
    ? conflictText({ ...common, ...step.conflict })
    : reviewText({ ...common, carried: step.carried, dropped: step.dropped })
}

interface ConflictText {
  branch: string
  upstreamTag: string
  previousTag: string
  failed: FailedStep
  files: readonly ConflictFile[]
  remaining: readonly CommitInfo[]
  state: CarrierState
}

/** Title and body of the pull request for a rebase that stopped on a conflict. */
function conflictText(input: ConflictText): PullRequestText {
  const body = renderConflictBody({
    upstreamTag: input.upstreamTag,
    previousTag: input.previousTag,
    branch: input.branch,
    failed: input.failed,
    files: [...input.files],
    remaining: [...input.remaining],
    commands: finishCommands(input),
  })
  return { title: renderConflictTitle(input), body: withState(body, input.state) }
}

interface ReviewText {
  branch: string
  upstreamTag: string
  previousTag: string
  carried: readonly CommitInfo[]
  dropped: readonly CommitInfo[]
  state: CarrierState
}

const commitLine = (commit: CommitInfo): string =>
  `1. ${codeSpan(commit.sha.slice(0, 12))} ${escapeInline(commit.subject.slice(0, 200))}`

/** Title and body of the pull request that holds a clean rebase for review (`review: always`). */
function reviewText(input: ReviewText): PullRequestText {
  const branch = codeSpan(input.branch)
  const lines = [
    renderConflictMarker({ upstreamTag: input.upstreamTag, branch: input.branch }),
    '',
    `## Rebase of ${branch} onto ${codeSpan(input.upstreamTag)}, for review`,
    '',
    `The downstream changes on ${branch} (based on ${codeSpan(input.previousTag)}) apply cleanly to the new ` +
      `upstream tag ${codeSpan(input.upstreamTag)}. \`review: always\` is set, so they wait here: merge this ` +
      `pull request and the next run moves ${branch} to the merged history, builds and publishes it. ` +
      'Commits pushed here are kept as they are.',
    '',
    `### Carried (${input.carried.length})`,
    '',
    ...(input.carried.length > 0 ? input.carried.slice(0, 100).map(commitLine) : ['None.']),
    '',
  ]
  if (input.dropped.length > 0) {
    lines.push(`### Dropped: already upstream (${input.dropped.length})`, '')
    lines.push(...input.dropped.slice(0, 100).map(commitLine), '')
  }
  lines.push('<sub>Opened by patch-carrier. A newer upstream tag supersedes this pull request.</sub>')
  const title = `patch-carrier: rebase of ${oneLine(input.branch)} onto ${oneLine(input.upstreamTag)}, for review`
  return { title: clipTitle(title), body: withState(lines.join('\n'), input.state) }
}

interface FinishRequest {
  /** The fork branch that carries the downstream commits. */
  branch: string
  upstreamTag: string
  failed: FailedStep
  remaining: readonly CommitInfo[]
}

/**
 * The commands that finish the rebase in a clone of the fork (`origin`): take the pull request branch,
 * apply the failed step and the rest by hand, push the result back to the pull request branch.
 */
export function finishCommands(request: FinishRequest): string[] {
  const prBranch = rebaseBranch(request.upstreamTag)
  const tracking = (branch: string): string => `refs/remotes/origin/${branch}`
  const fetch = [`+${headsRef(prBranch)}:${tracking(prBranch)}`]
  if (request.failed.kind === 'commit') fetch.push(`+${headsRef(request.branch)}:${tracking(request.branch)}`)
  const start = [
    '# origin is the fork',
    shellCommands.fetch('origin', fetch),
    shellCommands.switchTo(prBranch, tracking(prBranch)),
  ]
  const push = shellCommands.push('origin', `HEAD:${headsRef(prBranch)}`)
  if (request.failed.kind === 'commit') {
    const commits = [request.failed.commit, ...request.remaining].map((commit) => commit.sha)
    return [
      ...start,
      shellCommands.cherryPick(commits),
      '# on each stop: fix the files, `git add` them, then `git cherry-pick --continue`',
      push,
    ]
  }
  const name = request.failed.name
  return [
    ...start,
    'export QUILT_PATCHES=debian/patches',
    'quilt push -a --fuzz=0   # stops before the patch that no longer applies',
    'quilt push -f            # applies it with rejects (*.rej): fix those files',
    'quilt refresh',
    'quilt pop -a',
    shellCommands.commit(`Refresh ${name} for ${request.upstreamTag}`, ['debian/patches']),
    push,
  ]
}
