import { pushAtomic, type RefUpdate } from '../git/push.js'
import { listRemote } from '../git/remote.js'
import { pushedByAnotherRun, pushedByAnotherRunNote } from '../pipeline/concurrent-run.js'
import { planObsCommit } from '../pipeline/obs-plan.js'
import { publishToObs } from '../pipeline/publish.js'
import type { ShipContext } from './publish.js'

/**
 * Publishes what was built (before any push: a failed publish leaves the fork as it was, and the port is
 * deterministic, so the next run builds the same files), then pushes every ref in one atomic push, the
 * branch leased against the sha read at the start. A dry run only plans.
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
  if (publishing) {
    const now = (await listRemote(settings.remoteUrl, forkEnv)).refs.get(branchRef)
    const head = updates.find((update) => update.ref === branchRef)?.sha
    if (now !== discovery.branchHead && now !== head)
      throw moved(context, `now ${now?.slice(0, 12) ?? 'deleted'}`)
    const published = await context.time('Publish', () =>
      publishToObs(deps.obsFor(settings), settings, report),
    )
    report.obsRevision = published.revision
    report.notes.push(
      published.changed
        ? `OBS revision ${published.revision}: uploaded ${published.uploaded.map((u) => `${u.name} (${u.bytes} bytes)`).join(', ') || 'nothing'}`
        : `OBS already had these files: revision ${published.revision} unchanged, nothing uploaded`,
    )
  }
  if (updates.length === 0) return
  const pushed = await context.time('Push', () =>
    pushAtomic({
      gitDir: context.repo.gitDir,
      url: settings.remoteUrl,
      branchRef,
      expected: discovery.branchHead,
      updates,
      env: forkEnv,
    }),
  )
  if (pushed.kind === 'moved') {
    if (!(await pushedByAnotherRun(settings.remoteUrl, updates, forkEnv))) throw moved(context, pushed.detail)
    report.notes.push(pushedByAnotherRunNote)
  }
}

function moved({ discovery }: ShipContext, detail: string): Error {
  return new Error(
    `Branch '${discovery.branch}' moved on the fork during the run (it was ${discovery.branchHead.slice(0, 12)}): ` +
      `nothing was pushed or published; the next run starts from the new head.\n${detail}`,
  )
}
