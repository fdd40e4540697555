import type { PullRequest } from '../../github/types.js'
import type { PullRequestOperation } from '../report.js'
import { conflictText, PULL_REQUEST_LABEL, reviewText } from './bodies.js'
import { requireToken, type CarrierContext } from './context.js'
import { pushLeased, type LeasedUpdate } from './leased-push.js'
import { pullRequestHead } from './placeholder.js'
import { importRef } from '../../archive/refs.js'
import { headsRef, rebaseBranch, upstreamBranch } from './refs.js'
import type { SyncStep } from './steps.js'

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
  const current = context.entries.find((entry) => entry.tag === target.name)
  const head = await pullRequestHead(repo, step.head, target, settings.maintainer)
  const state = { kind: step.kind, pushed: head, branchHead: discovery.branchHead }
  const common = {
    branch: discovery.branch,
    upstreamTag: target.name,
    previousTag: discovery.previous.name,
    state,
  }
  const text =
    step.kind === 'conflict'
      ? conflictText({ ...common, ...step.conflict })
      : reviewText({ ...common, carried: step.carried, dropped: step.dropped })

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
