import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Settings } from '../action/settings.js'
import { archiveOrig, archiveRefUpdates, type TakenSource } from '../archive/take.js'
import type { RefUpdate } from '../git/push.js'
import { requireFetched } from '../git/fetch-refs.js'
import type { GitRepo } from '../git/repo.js'
import { describeFiles } from '../packaging/built-files.js'
import type { BuildResult, EarlyWork, Packager } from '../packaging/packager.js'
import { requireGit } from '../git/version.js'
import { requireTools } from '../process/run.js'
import type { AfterRun } from './after-run.js'
import { takeArchiveRelease } from './archive-stage.js'
import type { Deps } from './deps.js'
import { discover, type Discovery, type ReleaseTag } from './discover.js'
import { fetchWorkRepo } from './fetch-stage.js'
import { forkAuthEnv, tokenWithheldNote } from './fork-auth.js'
import { planObsCommit } from './obs-plan.js'
import { waitForObsBuilds } from './publish.js'
import { emptyReport, stageTimer, type RunReport } from './report.js'
import { openScratch } from './scratch.js'
import { publishAndPush } from './ship.js'
import { upstreamDataRefs } from './upstream-data.js'
import { verifyUpstream } from './verify-upstream.js'
import { archiveRef, buildTagRef, versionWithSuffix } from './versioning.js'

/*
 * The stages the modes share (run-pipeline.ts strings them together): Discover; the work repository and
 * what a build reads (Cache, Fetch, Archive, the upstream signature); Build; the refs to push; Ship.
 */

/** One run as its stages share it. */
export interface Run {
  settings: Settings
  deps: Deps
  report: RunReport
  time: ReturnType<typeof stageTimer>
  /** Git environment that authenticates to the fork for this run only. */
  forkEnv: Record<string, string>
  discovery: Discovery
}

/** What the stages before the build prepared. */
export interface Work {
  /** The tag the package is built on (the target; in build mode the previous tag). */
  onTag: ReleaseTag
  repo: GitRepo
  packager: Packager
  scratchDir: string
  /** Removes the scratch directory (in memory): nothing reads it once the build is done. */
  releaseScratch: () => Promise<void>
  dataRefs: ReturnType<typeof upstreamDataRefs>
  /** Where orig tarballs of earlier runs are kept (the cache), when there is one. */
  origCacheDir?: string
  /** The release taken from the archive (archive upstream). */
  taken?: TakenSource
  /** What was started alongside the rebase (the orig tarballs). */
  early?: Promise<EarlyWork | undefined>
}

/** Discover: the fork's branch, upstream's tags, the previous and the target tag; into the report. */
export async function discoverStage(settings: Settings, deps: Deps): Promise<Run> {
  const report = emptyReport(settings.mode)
  const time = stageTimer(report, deps.log)
  await requireGit()
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
  return { settings, deps, report, time, forkEnv, discovery }
}

/**
 * Everything before the rebase or build: the work repository (Cache, Fetch), the packager, a scratch
 * directory, the archive release, the upstream signature; the orig tarballs are started alongside.
 */
export async function prepareWork(run: Run, onTag: ReleaseTag, after: AfterRun): Promise<Work> {
  const { settings, deps, discovery, report } = run
  // provenance names the tag the package is built on (in build mode not the newest one)
  report.upstreamTagObject = discovery.upstream.refs.get(`refs/tags/${onTag.name}`)
  const dataRefs = upstreamDataRefs(discovery.upstream, onTag, discovery.order)
  const { repo, origCacheDir } = await fetchStage(run, onTag, dataRefs)
  const packager = await deps.packagerFor(repo, discovery.branchHead, settings)
  const { dir: scratchDir, release: releaseScratch } = await scratchFor(run, repo, packager, onTag, after)
  const taken = await takeArchiveRelease(repo, discovery, onTag, scratchDir, report, run.time)
  await verifyUpstream(repo, settings, discovery, onTag, report, run.forkEnv)
  await deps.cache?.keep(repo)
  await requireTools(packager.tools)
  const work: Work = { onTag, repo, packager, scratchDir, releaseScratch, dataRefs, origCacheDir, taken }
  // the upstream tarballs depend on the upstream tag alone: made while the rebase runs
  const fromArchive = taken && (await archiveOrig(taken, scratchDir))
  work.early = fromArchive ? Promise.resolve(fromArchive) : startEarly(run, work)
  if (work.early) after.background.push(work.early)
  return work
}

/** Cache and Fetch: the work repository, with the branch head read at the start in it. */
async function fetchStage(
  run: Run,
  onTag: ReleaseTag,
  dataRefs: Work['dataRefs'],
): Promise<{ repo: GitRepo; origCacheDir?: string }> {
  const { settings, deps, discovery, time } = run
  const cache = deps.cache
  const cached = cache ? await time('Cache', () => cache.prepare(onTag.name)) : {}
  const repo = await time('Fetch', () =>
    fetchWorkRepo({
      settings,
      discovery,
      onTag,
      dataRefs,
      forkEnv: run.forkEnv,
      cache: cache && cached,
      packagerFor: deps.packagerFor,
      log: (line) => deps.log.info(line),
    }),
  )
  // the branch head read by ls-remote must be what we fetched (or an ancestor of it)
  await requireFetched(repo, discovery.branchHead, `Branch '${discovery.branch}'`)
  return { repo, origCacheDir: cached.origDir }
}

/** The build's scratch directory, released when the run ends; opened before an archive import unpacks there. */
async function scratchFor(
  run: Run,
  repo: GitRepo,
  packager: Packager,
  onTag: ReleaseTag,
  after: AfterRun,
): Promise<{ dir: string; release: () => Promise<void> }> {
  const { settings, discovery } = run
  const scratch = await openScratch({
    diskDir: join(settings.workDir, 'build'),
    // nothing is built without packaging (and a narrow fetch has not fetched the tree's files)
    treeBytes: async () =>
      packager.kind === 'none' ? 0 : repo.treeBytes(onTag.commit || discovery.previous.commit),
    allowMemory: settings.scratchInMemory,
  })
  after.release.push(scratch.release)
  run.deps.log.info(scratch.reason)
  return scratch
}

function startEarly(run: Run, work: Work): Promise<EarlyWork | undefined> | undefined {
  return work.packager.startEarly?.({
    repo: work.repo,
    hint: run.discovery.branchHead,
    upstreamTag: work.onTag,
    upstreamData: work.dataRefs.local,
    settings: run.settings,
    scratchDir: work.scratchDir,
    origCacheDir: work.origCacheDir,
    log: (message) => run.deps.log.info(message),
  })
}

/** Build: the source package of `head` in output-dir; its version and files go into the report. */
export async function buildStage(run: Run, work: Work, head: string): Promise<BuildResult> {
  const { settings, discovery, report } = run
  report.commit = head
  await mkdir(settings.outputDir, { recursive: true })
  const built = await run.time('Build', () =>
    work.packager.build({
      repo: work.repo,
      head,
      upstreamTag: work.onTag,
      carried: report.carried,
      dropped: report.dropped,
      versionFor: (base) => versionWithSuffix(base, settings.versionSuffix, head, discovery.fork.refs),
      upstreamData: work.dataRefs.local,
      settings,
      scratchDir: work.scratchDir,
      origCacheDir: work.origCacheDir,
      early: work.early,
    }),
  )
  // the built files are in output-dir: the scratch goes while the run publishes and pushes (the run's
  // end waits for it, and says so should it fail)
  work.releaseScratch().catch(() => undefined)
  report.version = built.version
  report.files = await describeFiles(built.files)
  report.publishFiles = built.publish
  report.notes.push(...built.notes)
  return built
}

/** The refs a sync moves: the branch to `head`, its old head kept under an archive tag, an archive import. */
export function branchUpdates(run: Run, head: string, taken: TakenSource | undefined): RefUpdate[] {
  const { discovery } = run
  return [
    { ref: `refs/heads/${discovery.branch}`, sha: head },
    { ref: archiveRef(discovery.previous.name, discovery.branchHead), sha: discovery.branchHead },
    ...archiveRefUpdates(discovery, taken),
  ]
}

/** The build tag of `version`, unless the fork has it at `head` already. */
export function buildTagUpdate(run: Run, version: string, head: string): RefUpdate[] {
  if (!version || run.discovery.fork.refs.get(buildTagRef(version)) === head) return []
  return [{ ref: buildTagRef(version), sha: head }]
}

/**
 * Ship: publishes to OBS (when configured) and pushes the updates (the build tag first, reserving the
 * version; the branch after: see ship.ts). A dry run only plans it: then false.
 */
export async function shipStage(
  run: Run,
  work: Work,
  updates: RefUpdate[],
  leaseBranch: boolean,
): Promise<boolean> {
  const { settings, deps, report, discovery } = run
  report.pushed = updates
  const publishing = Boolean(settings.obs.project)
  if (settings.dryRun) {
    report.plan.push(...updates.map((update) => pushPlan(update, discovery)))
    if (publishing)
      report.plan.push(...(await planObsCommit(deps.obsFor(settings), settings, report, deps.log)))
    report.result = 'planned'
    return false
  }
  await publishAndPush({
    settings,
    deps,
    report,
    time: run.time,
    gitDir: work.repo.gitDir,
    branch: discovery.branch,
    branchHead: discovery.branchHead,
    updates,
    forkEnv: run.forkEnv,
    publishing,
    leaseBranch,
  })
  report.result = publishing ? 'published' : settings.mode === 'build' ? 'built' : 'updated'
  return true
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

/** OBS builds: waits for them when `obs-wait-minutes` is set and the run published. */
export async function waitForBuilds(run: Run): Promise<void> {
  const { settings } = run
  if (!settings.obs.project || settings.obs.waitMinutes === undefined) return
  run.report.obsBuilds = await run.time('OBS builds', () =>
    waitForObsBuilds(run.deps.obsFor(settings), settings),
  )
}
