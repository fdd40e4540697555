import type { RemoteRefs } from '../git/remote.js'
import { archiveFork } from '../archive/discover.js'
import { readForkFile } from '../archive/fork-file.js'
import { parseParagraphs } from '../archive/deb822.js'
import { withArchiveKeys } from '../archive/keyring.js'
import { findSuiteRelease } from '../archive/release.js'
import { sourceEntries, type SourceEntry } from '../archive/sources.js'
import { DiscoveryError, listNamed } from '../pipeline/discover.js'
import type { ArchiveUpstream, Settings } from '../action/settings.js'
import { parseDep14Tag } from '../versions/dep14.js'
import { compareDebianVersions, isValidDebianVersion } from '../versions/dpkg.js'
import { sourceRef, sourceTagName } from './archive-refs.js'
import type { BackportDiscovery, SourceVersion } from './discover.js'
import { backportBranches, recordedVersions } from './records.js'

/**
 * The watched versions from an archive: every version of the package its suites' signed Sources list,
 * newer than the last one handled. A version's packaging is read from the fork (kept by an earlier run)
 * or, when it has none yet, downloaded from the archive later (see archive-sources.ts).
 */
export async function discoverArchiveBackport(
  settings: Settings,
  archive: ArchiveUpstream,
  forkEnv: Record<string, string>,
): Promise<BackportDiscovery> {
  const empty: RemoteRefs = { refs: new Map(), tagCommits: new Map() }
  const [upstream, located] = await Promise.all([
    settings.upstreamUrl ? listNamed('upstream-url', settings.upstreamUrl) : empty,
    archiveFork(settings, forkEnv),
  ])
  const { fork, branchHead } = located
  const pkg = archive.package ?? (await sourcePackage(settings, branchHead, forkEnv))
  const releases = await withArchiveKeys(archive.keyring, (keys) =>
    Promise.all(archive.suites.map((suite) => findSuiteRelease(archive.urls, suite, keys))),
  )
  const entries = new Map<string, SourceEntry>()
  for (const entry of (await Promise.all(releases.map((release) => sourceEntries(release, pkg)))).flat())
    if (!entries.has(entry.version)) entries.set(entry.version, entry)
  const versioned = (version: string): SourceVersion => ({
    tag: sourceTagName(pkg, version),
    version,
    commit: fork.refs.get(sourceRef(pkg, version)) ?? '',
  })
  const from = parseDep14Tag(settings.backportFrom ?? '')?.version ?? settings.backportFrom ?? ''
  if (!isValidDebianVersion(from))
    throw new DiscoveryError(
      `backport-from ${JSON.stringify(from)}: with upstream-archive it must be a Debian version`,
    )
  const recorded = recordedVersions(fork, 'debian')[0]
  const start = versioned(recorded && compareDebianVersions(recorded, from) > 0 ? recorded : from)
  if (!start.commit && !entries.has(start.version))
    throw new DiscoveryError(
      `${pkg} ${start.version} is neither in ${archive.suites.join(', ')} nor kept on the fork: the next version's ` +
        'patches are compared with it. Add the suite that has it (e.g. the release beside its -security suite).',
    )
  const pending = [...entries.keys()]
    .filter((version) => compareDebianVersions(version, start.version) > 0)
    .sort(compareDebianVersions)
    .map(versioned)
  const branches = backportBranches(
    fork,
    pending.map((item) => item.version),
  )
  return { ...located, upstream, start, pending, branches, archive: { pkg, entries } }
}

/** The Source of the fork's debian/control, read with a depth-1 fetch of the branch head. */
async function sourcePackage(
  settings: Settings,
  head: string,
  forkEnv: Record<string, string>,
): Promise<string> {
  const control = await readForkFile(settings.workDir, settings.remoteUrl, head, 'debian/control', forkEnv)
  const source = control === undefined ? undefined : parseParagraphs(control)[0]?.get('source')
  if (!source || !/^[a-z0-9][a-z0-9+.-]+$/.test(source))
    throw new DiscoveryError(
      "The fork's debian/control names no Source package to follow: set upstream-package",
    )
  return source
}
