import type { PullRequest } from '../../github/types.js'
import type { RunReport } from '../report.js'
import type { CarrierContext } from './context.js'
import { commentOnHold } from './hold.js'
import { openPullRequest } from './open-pull-request.js'
import { retire, retirePlan } from './retire.js'
import type { SyncStep } from './steps.js'

export type StopStep = Exclude<SyncStep, { kind: 'head' }>

/**
 * Carries out a step that ends the run before the build: opens or updates the conflict or review pull
 * request, leaves a person's work alone with a comment, or clears up after a branch that already has the tag.
 */
export async function stopRun(
  context: CarrierContext,
  step: StopStep,
  report: RunReport,
): Promise<RunReport> {
  const { settings, discovery } = context
  const linked = (pull: Pick<PullRequest, 'number' | 'url'>): void => {
    report.pullRequest = { number: pull.number, url: pull.url }
  }
  switch (step.kind) {
    case 'conflict':
    case 'review': {
      report.result = step.kind === 'conflict' ? 'conflict' : 'update-available'
      report.commit = step.head
      if (step.kind === 'conflict') {
        report.conflict = step.conflict
        if (settings.conflict === 'fail') return report
        if (!context.pulls) {
          report.notes.push('No pull request was opened: the fork repository (owner/name) is not known')
          return report
        }
      }
      const opened = await openPullRequest(context, step)
      report.plan.push(...opened.plan)
      report.pullRequestOperation = opened.operation
      if (settings.dryRun) {
        report.plan.push(...retirePlan(step.retire))
        return report
      }
      if (opened.pullRequest) linked(opened.pullRequest)
      await retire(context, step.retire, {
        branch: discovery.branch,
        upstreamTag: discovery.target.name,
        head: discovery.branchHead,
        successor: opened.pullRequest,
      })
      return report
    }
    case 'hold': {
      report.result = step.pendingKind === 'review' ? 'update-available' : 'conflict'
      report.conflict = step.conflict
      report.commit = step.sha ?? discovery.branchHead
      if (step.entry.pull) linked(step.entry.pull)
      report.notes.push(step.message)
      context.log.warning(step.message)
      await commentOnHold(context, step)
      return report
    }
    case 'settle': {
      report.result = 'up-to-date'
      report.commit = discovery.branchHead
      if (settings.dryRun) {
        report.plan.push(...retirePlan(step.retire))
        return report
      }
      const [closed] = await retire(context, step.retire, {
        branch: discovery.branch,
        upstreamTag: discovery.target.name,
        head: discovery.branchHead,
      })
      if (closed) {
        linked(closed)
        report.pullRequestOperation = 'closed'
      }
      return report
    }
  }
}
