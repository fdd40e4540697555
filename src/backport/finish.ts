import type { RefUpdate } from '../git/push.js'
import type { RunReport } from '../pipeline/report.js'
import { sourceRef } from './archive-refs.js'
import { conflictOf } from './conflict.js'
import { holdBackport } from './hold.js'
import { openBackportPull } from './open-pull.js'
import type { PendingOutcome } from './port-pending.js'
import { buildPorted, isBuilt, type ShipContext } from './publish.js'
import type { BackportPulls } from './pulls.js'
import { recordRef } from './records.js'
import { retireBackports } from './retire.js'
import { ship } from './ship.js'

/**
 * After the port: builds when the branch got new commits (or a merged pull request not built yet),
 * publishes and pushes with the records, then opens the pull request of a conflict, comments on a person's
 * push it cannot take, and closes the pull requests it is done with.
 */
export async function finishBackport(
  context: ShipContext,
  pulls: BackportPulls,
  outcome: PendingOutcome,
  forkEnv: Record<string, string>,
  /** Archive versions' packaging made this run: kept on the fork for the versions handled. */
  kept: readonly RefUpdate[] = [],
): Promise<RunReport> {
  const { settings, deps, repo, discovery, report, time } = context
  const building =
    settings.mode === 'build' ||
    outcome.head !== discovery.branchHead ||
    (outcome.retire.some((item) => item.reason === 'merged') && !isBuilt(discovery, outcome.head))
  const updates = building ? await buildPorted(context, outcome.head) : []
  for (const record of outcome.records) {
    if (discovery.fork.refs.get(recordRef(record.version)) !== record.sha)
      updates.push({ ref: recordRef(record.version), sha: record.sha })
  }
  const handled = new Set([discovery.start.version, ...outcome.records.map((record) => record.version)])
  const pkg = discovery.archive?.pkg ?? ''
  updates.push(
    ...kept.filter((update) => [...handled].some((version) => update.ref === sourceRef(pkg, version))),
  )
  await ship(context, updates, forkEnv)
  report.commit = outcome.head
  const pullContext = { settings, discovery, repo, pulls, log: deps.log, report }
  const stop = outcome.stop
  if (stop?.kind === 'conflict') {
    report.conflict = conflictOf(stop.ported.port)
    await time('Pull request', () => openBackportPull(pullContext, stop, outcome.head))
  } else if (stop?.kind === 'hold') {
    await holdBackport(pullContext, stop)
  }
  await retireBackports(pullContext, outcome.retire)
  report.result = outcome.stop
    ? 'conflict'
    : settings.dryRun && updates.length > 0
      ? 'planned'
      : report.obsRevision !== undefined
        ? 'published'
        : settings.mode === 'build'
          ? 'built'
          : updates.length > 0 || outcome.retire.length > 0
            ? 'updated'
            : 'up-to-date'
  return report
}
