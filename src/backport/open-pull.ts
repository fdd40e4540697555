import { pushLeased, type LeasedUpdate } from '../git/push.js'
import { PULL_REQUEST_LABEL, requireToken } from '../pipeline/conflict/pull-request.js'
import type { Stop } from './port-pending.js'
import type { PullContext } from './pull-context.js'
import { backportText } from './pull-text.js'
import { backportBranch } from './records.js'

/**
 * Pushes `patch-carrier/backport/<version>` (what applied, then the failing patches as they are), leased
 * against what the run read, and opens or updates the one pull request from it into the fork branch.
 */
export async function openBackportPull(
  context: PullContext,
  stop: Extract<Stop, { kind: 'conflict' }>,
  base: string,
): Promise<void> {
  const { settings, discovery, report, pulls } = context
  const branch = backportBranch(stop.source.version)
  const head = stop.ported.conflictHead!
  const text = backportText(stop.ported.port, discovery.branch, {
    kind: 'conflict',
    pushed: head,
    branchHead: base,
  })
  const updates: LeasedUpdate[] =
    stop.branchSha === head ? [] : [{ ref: `refs/heads/${branch}`, sha: head, expected: stop.branchSha }]
  report.commit = head
  if (settings.conflict === 'fail') return
  if (settings.dryRun) {
    report.plan.push(...updates.map((update) => `push ${head.slice(0, 12)} to ${update.ref}`))
    report.plan.push(
      `open or update the pull request ${branch} → ${discovery.branch}, titled "${text.title}"`,
    )
    return
  }
  if (!pulls.client) {
    report.notes.push('No pull request was opened: the fork repository (owner/name) is not known')
    return
  }
  requireToken(settings, `open the pull request ${branch} → ${discovery.branch}`)
  const pushed = await pushLeased(context.repo, settings.remoteUrl, updates)
  if (pushed.kind === 'moved')
    throw new Error(
      `${branch} changed on the fork during the run: nothing was pushed; the next run looks again.\n${pushed.detail}`,
    )
  const { pullRequest, action } = await pulls.client.ensure({
    head: branch,
    base: discovery.branch,
    ...text,
    labels: [PULL_REQUEST_LABEL],
  })
  context.log.info(`Pull request #${pullRequest.number} ${action}: ${pullRequest.url}`)
  report.pullRequest = { number: pullRequest.number, url: pullRequest.url }
  report.pullRequestOperation =
    action === 'created' ? 'created' : action === 'updated' || updates.length > 0 ? 'updated' : 'none'
}
