import type { Settings } from '../action/settings.js'
import { runBackport } from '../backport/run.js'
import { downstreamCommits } from '../git/rebase.js'
import { endRun, type AfterRun } from './after-run.js'
import { openCarrier } from './conflict/carrier.js'
import type { Deps } from './deps.js'
import type { RunReport } from './report.js'
import {
  branchUpdates,
  buildStage,
  buildTagUpdate,
  discoverStage,
  prepareWork,
  shipStage,
  waitForBuilds,
  type Run,
} from './stages.js'

/** Runs one mode of the action end to end and reports what happened. */
export async function runPipeline(settings: Settings, deps: Deps): Promise<RunReport> {
  // work started alongside a stage (the orig tarballs) is waited for on every way out, error or not;
  // then what the run holds (a scratch directory in memory) is released
  const after: AfterRun = { background: [], release: [] }
  try {
    // a pinned fork takes new patches instead of new versions (see backport/run.ts)
    if (settings.mode === 'backport' || (settings.mode !== 'sync' && settings.backportFrom))
      return await runBackport(settings, deps, (release) => after.release.push(release))
    const run = await discoverStage(settings, deps)
    if (settings.mode === 'check') return check(run)
    if (settings.mode === 'sync') return await sync(run, after)
    return await build(run, after)
  } finally {
    await endRun(after, deps.log)
  }
}

/** check: whether the branch contains the newest upstream tag; nothing is fetched or changed. */
function check(run: Run): RunReport {
  run.report.result = run.discovery.upToDate ? 'up-to-date' : 'update-available'
  return run.report
}

/**
 * sync: the branch rebased onto the newest upstream tag (or a person's resolution adopted), built,
 * published, pushed; a conflict or a review ends the run in a pull request instead.
 */
async function sync(run: Run, after: AfterRun): Promise<RunReport> {
  const { settings, deps, discovery, report, time } = run
  // Pull requests are looked at only when the fork has patch-carrier branches (no API call otherwise).
  const carrier = await openCarrier({ settings, discovery, log: deps.log, forkEnv: run.forkEnv })
  if (discovery.upToDate && !carrier.active) {
    report.commit = discovery.branchHead
    return report
  }
  const work = await prepareWork(run, discovery.target, after)
  // Rebase, or adopt a person's resolution; a conflict or review ends the run in a pull request.
  const step = await time('Rebase', () => carrier.rebase(work.repo, work.packager, report))
  if (step.kind !== 'head') return time('Pull request', () => carrier.stop(step, report))
  const built = await buildStage(run, work, step.head)
  const updates = [
    ...branchUpdates(run, step.head, work.taken),
    ...buildTagUpdate(run, built.version, step.head),
  ]
  if (!(await shipStage(run, work, updates, true))) return report
  await carrier.finish(report)
  await waitForBuilds(run)
  return report
}

/** build: the branch as it is, on the tag it is based on: built, tagged with its version, published. */
async function build(run: Run, after: AfterRun): Promise<RunReport> {
  const { discovery, report } = run
  const work = await prepareWork(run, discovery.previous, after)
  const head = discovery.branchHead
  report.carried = await downstreamCommits(work.repo, discovery.previous.commit, head)
  const built = await buildStage(run, work, head)
  if (await shipStage(run, work, buildTagUpdate(run, built.version, head), false)) await waitForBuilds(run)
  return report
}
