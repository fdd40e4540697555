import { join } from 'node:path'
import type { Settings } from '../action/settings.js'
import { GitRepo } from '../git/repo.js'
import type { Packager } from '../packaging/packager.js'
import { prepareNarrowWorkspace, type NarrowWorkspace } from '../git/narrow-fetch.js'
import { fetchObjects, FORK_REMOTE, missingObjects, presentObjects, UPSTREAM_REMOTE } from '../git/objects.js'
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
  const { settings, discovery, onTag } = request
  const full = () =>
    prepareWorkspace({
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
  const forkDepth = discovery.forkDepth
  if (request.cache || discovery.archive || !settings.upstreamUrl || !forkDepth) return full()
  const rebases = settings.mode === 'sync' && !discovery.upToDate
  const previousTag = `refs/tags/${discovery.previous.name}`
  const newRefs = rebases ? [`refs/tags/${discovery.target.name}`] : []
  try {
    const wholeTrees = await buildsFromTrees(request)
    const narrow = await prepareNarrowWorkspace({
      dir: join(settings.workDir, 'repo'),
      forkUrl: settings.remoteUrl,
      forkEnv: request.forkEnv,
      branchRef: `refs/heads/${discovery.branch}`,
      forkDepth,
      base: discovery.previous.commit,
      upstreamUrl: settings.upstreamUrl,
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
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error)
    request.log(`The narrow fetch failed (${detail}): fetching the whole history instead`)
    return full()
  }
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
  await probe.exec([
    'fetch',
    '--quiet',
    '--no-tags',
    '--depth=1',
    '--filter=tree:1',
    '--end-of-options',
    settings.remoteUrl,
    `+refs/heads/${discovery.branch}:${top}`,
  ])
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
  const fromUpstream = await missing(repo, upstreamWants)
  await fetchObjects(repo, UPSTREAM_REMOTE, fromUpstream)
  const fromFork = await missing(repo, changes.blobs)
  await fetchObjects(repo, FORK_REMOTE, fromFork, request.forkEnv)
  return { upstream: fromUpstream.length, fork: fromFork.length }
}

async function missing(repo: GitRepo, oids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(oids)]
  const present = await presentObjects(repo, unique)
  return unique.filter((oid) => !present.has(oid))
}

/** The blobs base..branch changes (before and after each commit) and their paths. */
async function downstreamChanges(
  repo: GitRepo,
  branch: string,
  base: string,
): Promise<{ blobs: string[]; paths: string[] }> {
  const commits = await repo.read(['rev-list', '--no-merges', branch, '--not', base])
  if (commits === '') return { blobs: [], paths: [] }
  const raw = await repo.read(['diff-tree', '-r', '-z', '--no-commit-id', '--no-renames', '--stdin'], {
    input: `${commits}\n`,
  })
  const blobs = new Set<string>()
  const paths = new Set<string>()
  // -z: ":<mode> <mode> <oid> <oid> <status>\0<path>\0" per change
  const fields = raw.split('\0')
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const match = /^:(\d+) (\d+) ([0-9a-f]+) ([0-9a-f]+) /.exec(fields[i]!.replace(/^\n/, ''))
    if (!match) continue
    paths.add(fields[i + 1]!)
    if (match[1] !== '160000' && !/^0+$/.test(match[3]!)) blobs.add(match[3]!)
    if (match[2] !== '160000' && !/^0+$/.test(match[4]!)) blobs.add(match[4]!)
  }
  return { blobs: [...blobs], paths: [...paths] }
}

/** Blobs of `revision` at `paths` (those that exist there). */
async function blobsAt(repo: GitRepo, revision: string, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return []
  const listing = await repo.read(['--literal-pathspecs', 'ls-tree', '-r', '-z', revision, '--', ...paths])
  return listing
    .split('\0')
    .map((entry) => /^\d+ blob ([0-9a-f]+)\t/.exec(entry)?.[1])
    .filter((oid): oid is string => oid !== undefined)
}
