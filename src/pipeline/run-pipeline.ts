import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Settings } from '../action/settings.js'
import type { Deps } from './deps.js'
import { discover, type Discovery } from './discover.js'
import { describeFiles } from '../packaging/built-files.js'
import { emptyReport, stageTimer, type RunReport } from './report.js'
import { fetchWorkRepo } from './fetch-stage.js'
import { requireTools } from '../process/run.js'
import { downstreamCommits } from '../git/rebase.js'
import type { RefUpdate } from '../git/push.js'
import type { GitRepo } from '../git/repo.js'
import { buildTagRef, versionWithSuffix } from './versioning.js'
import { upstreamDataRefs } from './upstream-data.js'
import { forkAuthEnv, tokenWithheldNote } from './fork-auth.js'
import { waitForObsBuilds } from './publish.js'
import { publishAndPush } from './ship.js'
import { endRun, type AfterRun } from './after-run.js'
import { openCarrier } from './conflict/carrier.js'
import { planObsCommit } from './obs-plan.js'
import { verifyUpstream } from './verify-upstream.js'
import { openScratch } from './scratch.js'
import { runBackport } from '../backport/run.js'
import type { ReleaseTag } from './discover.js'
import { archiveOrig, archiveRefUpdates, takeFromArchive, type TakenSource } from '../archive/take.js'

/** Where the pre-rebase head of the branch is kept, so a rebase never loses anything. */
export const archiveRef = (previousTag: string, head: string): string =>
  `refs/tags/patch-carrier/archive/${previousTag}/${head.slice(0, 12)}`

/** Runs one mode of the action end to end and reports what happened. */
export async function runPipeline(settings: Settings, deps: Deps): Promise<RunReport> {
  // work started alongside a stage (the orig tarballs) is waited for on every way out, error or not;
  // then what the run holds (a scratch directory in memory) is released
  const after: AfterRun = { background: [], release: [] }
  try {
    // a pinned fork takes new patches instead of new versions (see backport/run.ts)
    if (settings.mode === 'backport' || (settings.mode !== 'sync' && settings.backportFrom))
      return await runBackport(settings, deps, (release) => after.release.push(release))
    return await runStages(settings, deps, after)
  } finally {
    await endRun(after, deps.log)
  }
}

async function runStages(settings: Settings, deps: Deps, after: AfterRun): Promise<RunReport> {
  const report = emptyReport(settings.mode)
  const time = stageTimer(report, deps.log)
  await requireTools(['git'])
  const forkEnv = forkAuthEnv(settings)
  const withheld = tokenWithheldNote(settings)
  if (withheld) deps.log.info(withheld)
  const discovery = await time('Discover', () => discover(settings, forkEnv))
  report.branch = discovery.branch
  report.upstreamTag = discovery.target.name
  report.upstreamTagObject = discovery.upstream.refs.get(`refs/tags/${discovery.target.name}`)
  report.previousTag = discovery.previous.name
  report.notes.push(...discovery.notes)
  deps.log.info(
    `Branch ${discovery.branch} is on ${discovery.previous.name}; newest upstream tag: ${discovery.target.name}` +
      (discovery.upToDate ? ' (contained)' : ''),
  )

  if (settings.mode === 'check') {
    report.result = discovery.upToDate ? 'up-to-date' : 'update-available'
    return report
  }
  // Pull requests are looked at only when the fork has patch-carrier branches (no API call otherwise).
  const carrier = await openCarrier({ settings, discovery, log: deps.log, forkEnv })
  if (settings.mode === 'sync' && discovery.upToDate && !carrier.active) {
    report.commit = discovery.branchHead
    return report
  }

  const onTag = settings.mode === 'build' ? discovery.previous : discovery.target
  // provenance names the tag the package is built on (in build mode not the newest one)
  report.upstreamTagObject = discovery.upstream.refs.get(`refs/tags/${onTag.name}`)
  const dataRefs = upstreamDataRefs(discovery.upstream, onTag, discovery.order)
  const cache = deps.cache
  const cached = cache ? await time('Cache', () => cache.prepare(onTag.name)) : {}
  const repo = await time('Fetch', () =>
    fetchWorkRepo({
      settings,
      discovery,
      onTag,
      dataRefs,
      forkEnv,
      cache: cache && cached,
      packagerFor: deps.packagerFor,
      log: (line) => deps.log.info(line),
    }),
  )
  await ensureHeadFetched(repo, discovery)
  const packager = await deps.packagerFor(repo, discovery.branchHead, settings)
  // opened before an archive import, which unpacks there: the version before it tells the size
  const scratch = await openScratch({
    diskDir: join(settings.workDir, 'build'),
    // nothing is built without packaging (and a narrow fetch has not fetched the tree's files)
    treeBytes: async () =>
      packager.kind === 'none' ? 0 : repo.treeBytes(onTag.commit || discovery.previous.commit),
    allowMemory: settings.scratchInMemory,
  })
  after.release.push(scratch.release)
  deps.log.info(scratch.reason)
  const scratchDir = scratch.dir
  const taken = await takeArchiveRelease(repo, discovery, onTag, scratchDir, report, time)
  await verifyUpstream(repo, settings, discovery, onTag, report, forkEnv)
  await cache?.keep(repo)
  await requireTools(packager.tools)
  // the upstream tarballs depend on the upstream tag alone: made while the rebase runs
  const fromArchive = taken && (await archiveOrig(taken, scratchDir))
  const early = fromArchive
    ? Promise.resolve(fromArchive)
    : packager.startEarly?.({
        repo,
        hint: discovery.branchHead,
        upstreamTag: onTag,
        upstreamData: dataRefs.local,
        settings,
        scratchDir,
        origCacheDir: cached.origDir,
        log: (message) => deps.log.info(message),
      })
  if (early) after.background.push(early)

  let head = discovery.branchHead
  if (settings.mode === 'sync') {
    // Rebase, or adopt a person's resolution; a conflict or review ends the run in a pull request.
    const step = await time('Rebase', () => carrier.rebase(repo, packager, report))
    if (step.kind !== 'head') return time('Pull request', () => carrier.stop(step, report))
    head = step.head
  } else {
    report.carried = await downstreamCommits(repo, discovery.previous.commit, head)
  }
  report.commit = head

  await mkdir(settings.outputDir, { recursive: true })
  const built = await time('Build', () =>
    packager.build({
      repo,
      head,
      upstreamTag: onTag,
      carried: report.carried,
      dropped: report.dropped,
      versionFor: (base) => versionWithSuffix(base, settings.versionSuffix, head, discovery.fork.refs),
      upstreamData: dataRefs.local,
      settings,
      scratchDir,
      origCacheDir: cached.origDir,
      early,
    }),
  )
  report.version = built.version
  report.files = await describeFiles(built.files)
  report.publishFiles = built.publish
  report.notes.push(...built.notes)

  const updates: RefUpdate[] = []
  if (settings.mode === 'sync') {
    updates.push({ ref: `refs/heads/${discovery.branch}`, sha: head })
    updates.push({
      ref: archiveRef(discovery.previous.name, discovery.branchHead),
      sha: discovery.branchHead,
    })
    updates.push(...archiveRefUpdates(discovery, taken))
  }
  if (built.version && discovery.fork.refs.get(buildTagRef(built.version)) !== head) {
    updates.push({ ref: buildTagRef(built.version), sha: head })
  }
  report.pushed = updates
  const publishing = Boolean(settings.obs.project)
  if (settings.dryRun) {
    report.plan.push(...updates.map((update) => pushPlan(update, discovery)))
    if (publishing)
      report.plan.push(...(await planObsCommit(deps.obsFor(settings), settings, report, deps.log)))
    report.result = 'planned'
    return report
  }
  // the build tag reserves the version before OBS gets it; the branch is pushed after (see ship.ts)
  await publishAndPush({
    settings,
    deps,
    report,
    time,
    gitDir: repo.gitDir,
    branch: discovery.branch,
    branchHead: discovery.branchHead,
    updates,
    forkEnv,
    publishing,
    leaseBranch: settings.mode === 'sync',
  })
  report.result = publishing ? 'published' : settings.mode === 'build' ? 'built' : 'updated'
  await carrier.finish(report)
  if (publishing && settings.obs.waitMinutes !== undefined) {
    report.obsBuilds = await time('OBS builds', () => waitForObsBuilds(deps.obsFor(settings), settings))
  }
  return report
}

/** One ref a dry run would push, with the lease the branch push would carry. */
function pushPlan(update: RefUpdate, discovery: Discovery): string {
  const lease =
    update.ref === `refs/heads/${discovery.branch}`
      ? ` (now ${discovery.branchHead.slice(0, 12)}; --force-with-lease)`
      : ''
  if (update.sha === '') return `delete ${update.ref}`
  return `push ${update.sha.slice(0, 12)} to ${update.ref}${lease}`
}

/**
 * With an archive upstream: the version the run builds on, downloaded and verified, imported into the
 * work repository when the fork does not have it yet. Its provenance goes into the report.
 */
async function takeArchiveRelease(
  repo: GitRepo,
  discovery: Discovery,
  tag: ReleaseTag,
  scratchDir: string,
  report: RunReport,
  time: <T>(stage: string, work: () => Promise<T>) => Promise<T>,
): Promise<TakenSource | undefined> {
  const archive = discovery.archive
  if (!archive) return undefined
  await requireTools(['dpkg-source', 'tar', 'xz', 'gpgv'])
  const taken = await time('Archive', () => takeFromArchive(repo, { ...discovery, archive }, tag, scratchDir))
  if (!taken) {
    if (tag.commit === '')
      throw new Error(
        `${archive.settings.suites.join(', ')} no longer list ${archive.package} ${tag.version}: run again`,
      )
    report.notes.push(
      `${archive.package} ${tag.version} is no longer listed in ${archive.settings.suites.join(', ')}: ` +
        'its orig tarballs are made from the import with git archive, not taken from the archive',
    )
    return undefined
  }
  report.upstreamTagObject = taken.commit
  report.archive = {
    url: taken.release.archive,
    suite: taken.release.suite,
    date: taken.release.date,
    fingerprint: taken.release.fingerprint,
    files: taken.downloaded.files.map((file) => ({ name: file.name, sha256: file.sha256 })),
    imported: taken.imported,
  }
  if (taken.origOnly) {
    report.notes.push(
      `${archive.package} ${tag.version} is no longer listed in ${archive.settings.suites.join(', ')}: its orig ` +
        `tarballs are taken from ${taken.entry.version} (${taken.release.suite}), the same upstream version`,
    )
  }
  report.notes.push(
    `${taken.entry.package} ${taken.entry.version} from ${taken.release.archive} ${taken.release.suite}: InRelease signed by ` +
      `${taken.release.fingerprint}; ${taken.downloaded.files.length} files match the signed Sources index` +
      (taken.imported ? `; imported as ${taken.commit.slice(0, 12)}` : ''),
  )
  return taken
}

/** The branch head read by ls-remote must be what we fetched (or an ancestor of it). */
async function ensureHeadFetched(repo: GitRepo, discovery: Discovery): Promise<void> {
  if ((await repo.resolve(`${discovery.branchHead}^{commit}`)) === undefined) {
    throw new Error(
      `Branch '${discovery.branch}' moved on the fork while it was being fetched: nothing was changed; run again`,
    )
  }
}
