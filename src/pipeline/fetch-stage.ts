import { join } from 'node:path'
import type { Settings } from '../action/settings.js'
import { GitRepo } from '../git/repo.js'
import type { Packager } from '../packaging/packager.js'
import { prepareNarrowWorkspace, type NarrowWorkspace } from '../git/narrow-fetch.js'
import { blobsAt, downstreamChanges, missingOf } from '../git/downstream-blobs.js'
import { fetchRefs } from '../git/fetch-refs.js'
import { fetchObjects, FORK_REMOTE, missingObjects, UPSTREAM_REMOTE } from '../git/objects.js'
import { forkRef, prepareWorkspace, upstreamRef } from '../git/workspace.js'
import { archiveForkRefs } from '../archive/take.js'
import type { Discovery, ReleaseTag } from './discover.js'
import type { upstreamDataRefs } from './upstream-data.js'

export interface FetchRequest {
  settings: Settings
  discovery: Discovery
  /** The tag the run builds on (the target; in build mode the previous tag). */
  onTag: ReleaseTag
  dataRefs: ReturnType<typeof upstreamDataRefs>
  forkEnv: Record<string, string>
  /** The cache's objects to borrow, when a cache is in use (then the fetch stays as it was: see below). */
  cache?: { objects?: string }
  /** The packaging of a tree (choosePackager): a Debian or RPM package is built from whole trees. */
  packagerFor: (repo: GitRepo, head: string, settings: Settings) => Promise<Packager>
  log: (line: string) => void
}

/**
 * The Fetch stage: a work repository with what the run needs. Without a cache it fetches history only
 * back to the previous tag (the fork holds the rest) and file contents only for the files the run reads:
 * an update costs what the new tag adds, not the whole history (narrow-fetch.ts). With a cache the whole
 * history is fetched as before, against the cache's objects, so the cache stays complete for later runs.
 * Should the narrow fetch fail anyhow, the whole history is fetched, and the log says so.
 */
export async function fetchWorkRepo(request: FetchRequest): Promise<GitRepo> {
  const { settings, discovery } = request
  const full = () => fetchWhole(request)
  if (request.cache || discovery.archive || !settings.upstreamUrl || !discovery.forkDepth) return full()
  try {
    return await fetchNarrow(request, settings.upstreamUrl, discovery.forkDepth)
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error)
    request.log(`The narrow fetch failed (${detail}): fetching the whole history instead`)
    return full()
  }
}

/** The whole history of the branch and of the tags the run reads (against the cache's objects, if any). */
function fetchWhole(request: FetchRequest): Promise<GitRepo> {
  const { settings, discovery } = request
  return prepareWorkspace({
    dir: join(settings.workDir, 'repo'),
    forkUrl: settings.remoteUrl,
    forkEnv: request.forkEnv,
    forkRefs: [`refs/heads/${discovery.branch}`, ...archiveForkRefs(discovery)],
    upstreamUrl: settings.upstreamUrl,
    upstreamRefs: [
      ...new Set([
        `refs/tags/${discovery.target.name}`,
        `refs/tags/${discovery.previous.name}`,
        ...request.dataRefs.fetch,
      ]),
    ],
    borrowObjectsFrom: request.cache?.objects,
  })
}

/** The history after the previous tag only, and file contents only where the run reads them. */
async function fetchNarrow(request: FetchRequest, upstreamUrl: string, forkDepth: number): Promise<GitRepo> {
  const { settings, discovery, onTag } = request
  const rebases = settings.mode === 'sync' && !discovery.upToDate
  const previousTag = `refs/tags/${discovery.previous.name}`
  const newRefs = rebases ? [`refs/tags/${discovery.target.name}`] : []
  const wholeTrees = await buildsFromTrees(request)
  const narrow = await prepareNarrowWorkspace({
    dir: join(settings.workDir, 'repo'),
    forkUrl: settings.remoteUrl,
    forkEnv: request.forkEnv,
    branchRef: `refs/heads/${discovery.branch}`,
    forkDepth,
    base: discovery.previous.commit,
    upstreamUrl,
    // a tag upstream moved is no longer at the base: its history is no boundary
    excludeTag:
      discovery.upstream.tagCommits.get(discovery.previous.name) === discovery.previous.commit
        ? discovery.previous.name
        : undefined,
    newRefs,
    filesOnDemand: !wholeTrees,
    tipRefs: [...new Set([`refs/tags/${onTag.name}`, previousTag, ...request.dataRefs.fetch])].filter(
      (ref) => !newRefs.includes(ref),
    ),
    log: request.log,
  })
  request.log(
    `Fetched the history after ${discovery.previous.name} only (the fork holds the rest)` +
      (wholeTrees ? '' : ', without file contents'),
  )
  if (wholeTrees) return narrow.repo
  const files = await fetchFiles(narrow, request, newRefs)
  request.log(
    `Fetched the contents of ${files.upstream} files from upstream and ${files.fork} from the fork ` +
      '(what the rebase and the push read)',
  )
  return narrow.repo
}

/**
 * Whether the run packs whole trees (a Debian or RPM package): then the narrow fetch takes every commit it
 * fetches whole. With `packaging: auto`, DEP-14 tags mean Debian packaging; else the fork branch's top
 * directory tells, read alone in the probe. A wrong guess costs bytes or time, never a wrong result.
 */
async function buildsFromTrees(request: FetchRequest): Promise<boolean> {
  const { settings, discovery } = request
  if (settings.packaging !== 'auto') return settings.packaging !== 'none'
  if (discovery.order === 'debian') return true
  const probe = new GitRepo(join(settings.workDir, 'probe.git'), undefined, request.forkEnv)
  const top = 'refs/patch-carrier/probe-top'
  await fetchRefs(probe, settings.remoteUrl, [`+refs/heads/${discovery.branch}:${top}`], { tip: true })
  return (await request.packagerFor(probe, top, settings)).kind !== 'none'
}

/**
 * Fetches, in one request per remote, the file contents a run without a package build reads: what the new
 * upstream history adds (the push sends it to the fork), the files the downstream commits change and
 * upstream's versions of them (the rebase merges those). Anything else a command needs, git fetches then.
 */
async function fetchFiles(
  narrow: NarrowWorkspace,
  request: FetchRequest,
  newRefs: string[],
): Promise<{ upstream: number; fork: number }> {
  const { repo, onFork } = narrow
  const branch = forkRef(`refs/heads/${request.discovery.branch}`)
  const base = request.discovery.previous.commit
  const changes = await downstreamChanges(repo, branch, base)
  const upstreamWants = await missingObjects(repo, newRefs.map(upstreamRef), [base, ...onFork])
  for (const ref of newRefs) upstreamWants.push(...(await blobsAt(repo, upstreamRef(ref), changes.paths)))
  const fromUpstream = await missingOf(repo, upstreamWants)
  await fetchObjects(repo, UPSTREAM_REMOTE, fromUpstream)
  const fromFork = await missingOf(repo, changes.blobs)
  await fetchObjects(repo, FORK_REMOTE, fromFork, request.forkEnv)
  return { upstream: fromUpstream.length, fork: fromFork.length }
}
