import type { RefUpdate } from '../git/push.js'
import type { GitRepo } from '../git/repo.js'
import { requireGit } from '../git/version.js'
import type { Packager } from '../packaging/packager.js'
import type { Deps, Logger } from '../pipeline/deps.js'
import type { ReleaseTag } from '../pipeline/discover.js'
import { forkAuthEnv } from '../pipeline/fork-auth.js'
import { emptyReport, stageTimer, type RunReport } from '../pipeline/report.js'
import { requireTools } from '../process/run.js'
import type { Settings } from '../action/settings.js'
import { checkBackport } from './check.js'
import { discoverBackport, type BackportDiscovery } from './discover.js'
import { fetchForPort } from './fetch.js'
import { materialiseSources } from './archive-sources.js'
import { finishBackport } from './finish.js'
import { forkBaseTag } from './fork-base.js'
import { portPending, type PendingOutcome } from './port-pending.js'
import type { ShipContext } from './publish.js'
import { backportPulls } from './pulls.js'
import type { BackportReport } from './report.js'

/**
 * A pinned fork: for each version of the watched tags newer than the last one handled, its new quilt
 * patches are ported onto the branch, built and published; the first that needs a person gets one pull
 * request. `onEnd` receives what to release when the run ends.
 */
export async function runBackport(
  settings: Settings,
  deps: Deps,
  onEnd: (release: () => Promise<void>) => void,
): Promise<RunReport> {
  const report = emptyReport(settings.mode)
  const time = stageTimer(report, deps.log)
  await requireGit()
  const forkEnv = forkAuthEnv(settings)
  const discovery = await time('Discover', () => discoverBackport(settings, forkEnv))
  const backport = reportDiscovery(report, discovery, deps.log)
  // mode build: the branch head as it is, on the fork's upstream tag (nothing ported)
  const building = settings.mode === 'build'
  if (discovery.pending.length === 0 && !building) return report
  if (settings.mode === 'check') return checkBackport(settings, discovery, report, time, forkEnv)

  const base = await forkBaseTag(settings, discovery, forkEnv)
  backport.base = base.name
  const { repo, kept, packager } = await prepareRepo(settings, deps, discovery, base, forkEnv, time)
  const pulls = backportPulls(settings, deps.log)
  const outcome = building
    ? asItIs(discovery)
    : await time('Backport', () =>
        portPending(
          { repo, packager, settings, pulls, committer: settings.maintainer, forkName: base.version },
          discovery,
        ),
      )
  backport.versions = outcome.ports
  report.notes.push(...outcome.notes)

  return finishBackport(
    { settings, deps, repo, packager, discovery, base, report, time, onEnd },
    pulls,
    outcome,
    forkEnv,
    kept,
  )
}

/** What discovery found, in the report and the log; returns the report's backport part. */
function reportDiscovery(report: RunReport, discovery: BackportDiscovery, log: Logger): BackportReport {
  report.branch = discovery.branch
  report.previousTag = discovery.start.tag
  report.upstreamTag = discovery.pending.at(-1)?.tag ?? discovery.start.tag
  report.commit = discovery.branchHead
  report.backport = {
    start: discovery.start.version,
    versions: [],
    pending: discovery.pending.map(({ version, tag }) => ({ version, tag })),
  }
  log.info(
    `${discovery.branch} has ported up to ${discovery.start.version}; newer: ${discovery.pending.map((item) => item.version).join(', ') || 'none'}`,
  )
  return report.backport
}

/**
 * The work repository with the fork and its upstream tag fetched, the archive versions' packaging kept
 * (when an archive is watched), and the Debian packager with its tools checked.
 */
async function prepareRepo(
  settings: Settings,
  deps: Deps,
  discovery: BackportDiscovery,
  base: ReleaseTag,
  forkEnv: Record<string, string>,
  time: ShipContext['time'],
): Promise<{ repo: GitRepo; kept: RefUpdate[]; packager: Packager }> {
  const repo = (await time('Fetch', () => fetchForPort(settings, discovery, base, forkEnv))).withEnv(forkEnv)
  const kept = discovery.archive
    ? await time('Archive', () => materialiseSources(repo, discovery, settings.workDir))
    : []
  const packager = await deps.packagerFor(repo, discovery.branchHead, settings)
  if (packager.kind !== 'debian')
    throw new Error(
      'mode backport ports quilt patches: the fork must be a Debian source package (debian/ with 3.0 (quilt))',
    )
  // diff rewrites the hunks of refreshed patches
  await requireTools([...packager.tools, 'diff'])
  return { repo, kept, packager }
}

/** What mode build takes: the branch head, nothing ported, no pull request touched. */
function asItIs(discovery: BackportDiscovery): PendingOutcome {
  return { head: discovery.branchHead, records: [], ports: [], retire: [], notes: [] }
}
