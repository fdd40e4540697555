import { join } from 'node:path'
import type { RefUpdate } from '../git/push.js'
import type { GitRepo } from '../git/repo.js'
import type { Packager } from '../packaging/packager.js'
import type { Deps } from '../pipeline/deps.js'
import type { ReleaseTag } from '../pipeline/discover.js'
import type { RunReport } from '../pipeline/report.js'
import { openScratch } from '../pipeline/scratch.js'
import { upstreamDataRefs } from '../pipeline/upstream-data.js'
import { archiveRef, buildTagRef, versionWithSuffix } from '../pipeline/versioning.js'
import type { Settings } from '../action/settings.js'
import { backportChanges } from './changes.js'
import type { BackportDiscovery } from './discover.js'
import { describeFiles } from '../packaging/built-files.js'

export interface ShipContext {
  settings: Settings
  deps: Deps
  repo: GitRepo
  packager: Packager
  discovery: BackportDiscovery
  /** The upstream tag the fork is on. */
  base: ReleaseTag
  report: RunReport
  time: <T>(stage: string, work: () => Promise<T>) => Promise<T>
  /** Registers what to release when the run ends (a scratch directory in memory). */
  onEnd: (release: () => Promise<void>) => void
}

/**
 * Builds `head` as the fork's upstream version plus version-suffix (its `{n}` counting builds), with a
 * changelog entry naming every backport since the upstream tag; returns the refs that go with it: the
 * branch, the old head kept under an archive tag, the build tag.
 */
export async function buildPorted(context: ShipContext, head: string): Promise<RefUpdate[]> {
  const { settings, repo, packager, discovery, base, report } = context
  const scratch = await openScratch({
    diskDir: join(settings.workDir, 'build'),
    treeBytes: () => repo.treeBytes(base.commit),
    allowMemory: settings.scratchInMemory,
  })
  context.onEnd(scratch.release)
  context.deps.log.info(scratch.reason)
  const dataRefs = upstreamDataRefs(discovery.upstream, base, discovery.order)
  const built = await context.time('Build', async () =>
    packager.build({
      repo,
      head,
      upstreamTag: base,
      carried: [],
      dropped: [],
      changes: await backportChanges(repo, base.commit, head),
      versionFor: (version) => versionWithSuffix(version, settings.versionSuffix, head, discovery.fork.refs),
      upstreamData: dataRefs.local,
      settings,
      scratchDir: scratch.dir,
    }),
  )
  report.version = built.version
  report.files = await describeFiles(built.files)
  report.publishFiles = built.publish
  report.notes.push(...built.notes)
  const updates: RefUpdate[] = []
  if (head !== discovery.branchHead) {
    updates.push({ ref: `refs/heads/${discovery.branch}`, sha: head })
    updates.push({ ref: archiveRef(base.name, discovery.branchHead), sha: discovery.branchHead })
  }
  if (discovery.fork.refs.get(buildTagRef(built.version)) !== head)
    updates.push({ ref: buildTagRef(built.version), sha: head })
  return updates
}

/** Whether some build tag of the fork already points at `head`. */
export function isBuilt(discovery: BackportDiscovery, head: string): boolean {
  return [...discovery.fork.refs].some(
    ([ref, sha]) => ref.startsWith('refs/tags/patch-carrier/build/') && sha === head,
  )
}
