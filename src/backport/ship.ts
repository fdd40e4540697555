import type { RefUpdate } from '../git/push.js'
import { planObsCommit } from '../pipeline/obs-plan.js'
import { publishAndPush } from '../pipeline/ship.js'
import type { ShipContext } from './publish.js'

/**
 * Publishes what was built, then pushes every ref in one atomic push, the branch leased against the sha
 * read at the start (see pipeline/ship.ts: the build tag reserves the version first). A dry run only plans.
 */
export async function ship(
  context: ShipContext,
  updates: readonly RefUpdate[],
  forkEnv: Record<string, string>,
): Promise<void> {
  const { settings, discovery, report, deps } = context
  const branchRef = `refs/heads/${discovery.branch}`
  const publishing = Boolean(settings.obs.project) && report.files.length > 0
  report.pushed = [...updates]
  if (settings.dryRun) {
    for (const update of updates) {
      const lease =
        update.ref === branchRef ? ` (now ${discovery.branchHead.slice(0, 12)}; --force-with-lease)` : ''
      report.plan.push(`push ${update.sha.slice(0, 12)} to ${update.ref}${lease}`)
    }
    if (publishing)
      report.plan.push(...(await planObsCommit(deps.obsFor(settings), settings, report, deps.log)))
    return
  }
  await publishAndPush({
    settings,
    deps,
    report,
    time: context.time,
    gitDir: context.repo.gitDir,
    branch: discovery.branch,
    branchHead: discovery.branchHead,
    updates,
    forkEnv,
    publishing,
    leaseBranch: true,
  })
}
