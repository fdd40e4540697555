import type { Settings } from '../action/settings.js'
import type { SourceEntry } from '../archive/sources.js'
import { discoverArchiveBackport } from './archive-discover.js'
import type { RemoteRefs } from '../git/remote.js'
import { DiscoveryError, forkBranch, listNamed } from '../pipeline/discover.js'
import {
  compareVersions,
  matchesGlobs,
  resolveOrder,
  tagVersion,
  type ResolvedOrder,
} from '../versions/tags.js'
import { backportBranches, recordedVersions } from './records.js'
import { startOf, tagFor } from './start.js'

/** A version of the watched source and the upstream tag that holds it. */
export interface SourceVersion {
  tag: string
  version: string
  commit: string
}

export interface BackportDiscovery {
  upstream: RemoteRefs
  fork: RemoteRefs
  branch: string
  /** The branch sha read at the start: the lease of every push. */
  branchHead: string
  order: ResolvedOrder
  /** The newest version already handled: recorded on the fork, or backport-from. */
  start: SourceVersion
  /** Watched versions newer than `start`, oldest first. */
  pending: SourceVersion[]
  /** Heads of the backport branches of pending versions (a pull request a person may be working on). */
  branches: Map<string, string>
  /** With upstream-archive: the package and every version its suites list. */
  archive?: { pkg: string; entries: Map<string, SourceEntry> }
}

/** From refs alone (two ls-remote calls): which versions of the watched tags the fork has not taken yet. */
export async function discoverBackport(
  settings: Settings,
  forkEnv: Record<string, string>,
): Promise<BackportDiscovery> {
  if (settings.upstreamArchive) return discoverArchiveBackport(settings, settings.upstreamArchive, forkEnv)
  if (!settings.upstreamUrl || !settings.backportFrom)
    throw new DiscoveryError(
      'A pinned fork (backport-from) needs upstream-url: the fork is built on its tags',
    )
  const [upstream, fork] = await Promise.all([
    listNamed('upstream-url', settings.upstreamUrl),
    listNamed('remote-url', settings.remoteUrl, forkEnv),
  ])
  const { branch, branchHead } = forkBranch(settings, fork)
  const names = [...upstream.tagCommits.keys()]
  const watched = names.filter((name) => matchesGlobs(name, settings.upstreamTags))
  const order = resolveOrder(watched.length > 0 ? watched : names, settings.versionOrder)
  const versioned = (name: string): SourceVersion | undefined => {
    const version = tagVersion(name, order)
    return version === undefined ? undefined : { tag: name, version, commit: upstream.tagCommits.get(name)! }
  }
  const from = startOf(settings.backportFrom, upstream, order, settings.upstreamTags, versioned)
  const recorded = recordedVersions(fork, order)[0]
  const start =
    recorded !== undefined && compareVersions(recorded, from.version, order) > 0
      ? tagFor(
          recorded,
          upstream,
          order,
          settings.upstreamTags,
          versioned,
          'the newest version recorded on the fork',
        )
      : from
  const byVersion = new Map<string, SourceVersion>()
  for (const name of watched.sort()) {
    const found = versioned(name)
    if (found && compareVersions(found.version, start.version, order) > 0 && !byVersion.has(found.version))
      byVersion.set(found.version, found)
  }
  const pending = [...byVersion.values()].sort((a, b) => compareVersions(a.version, b.version, order))
  const branches = backportBranches(
    fork,
    pending.map((item) => item.version),
  )
  return { upstream, fork, branch, branchHead, order, start, pending, branches }
}
