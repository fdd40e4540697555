import { codeSpan } from '../github/markdown.js'
import { pushLeased } from '../git/push.js'
import type { Retirement } from './port-pending.js'
import type { PullContext } from './pull-context.js'
import { backportBranch } from './records.js'

/** Closes the pull requests of versions now done (with a comment saying how), and deletes their branches. */
export async function retireBackports(
  context: PullContext,
  retirements: readonly Retirement[],
): Promise<void> {
  const { settings, discovery, report, pulls } = context
  if (retirements.length === 0) return
  if (settings.dryRun) {
    report.plan.push(
      ...retirements.map(
        (item) =>
          `delete ${backportBranch(item.version)}${item.pull ? ` and close #${item.pull.number}` : ''}`,
      ),
    )
    return
  }
  for (const item of retirements) {
    if (!item.pull || item.pull.state !== 'open' || !pulls.client) continue
    const built = report.version ? `, built as version ${codeSpan(report.version)}` : ''
    const published = report.obsRevision
      ? ` and published as OBS revision ${codeSpan(report.obsRevision)}`
      : ''
    const how = {
      adopted: `patch-carrier took the port pushed here (${codeSpan(item.sha.slice(0, 12))})`,
      merged: `${codeSpan(discovery.branch)} contains this port`,
      resolved: `${codeSpan(item.version)} now ports cleanly onto ${codeSpan(discovery.branch)}: this pull request is not needed`,
    }[item.reason]
    const closed = await pulls.client.close(
      item.pull.number,
      `${how}; ${codeSpan(discovery.branch)} is at ${codeSpan((report.commit ?? '').slice(0, 12))}${built}${published}.`,
    )
    if (closed) report.pullRequestOperation = 'closed'
    if (item.reason === 'adopted') report.pullRequest = { number: item.pull.number, url: item.pull.url }
  }
  const removed = await pushLeased(
    context.repo,
    settings.remoteUrl,
    retirements.map((item) => ({ ref: `refs/heads/${backportBranch(item.version)}`, expected: item.sha })),
  )
  if (removed.kind === 'moved')
    context.log.warning(
      `Backport branches changed during the run; they are left for the next run:\n${removed.detail}`,
    )
}
