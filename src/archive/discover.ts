import { createHash } from 'node:crypto'
import type { RemoteRefs } from '../git/remote.js'
import { parseChangelog } from '../packaging/debian/changelog.js'
import { parseParagraphs } from './deb822.js'
import type { Discovery, ReleaseTag } from '../pipeline/discover.js'
import { DiscoveryError, forkBranch, listNamed, readProbe } from '../pipeline/discover.js'
import type { ArchiveUpstream, Settings } from '../action/settings.js'
import { compareDebianVersions } from '../versions/dpkg.js'
import { dep14Decode } from '../versions/dep14.js'
import { readForkFile } from './fork-file.js'
import { withArchiveKeys } from './keyring.js'
import { importedPackages, importsOf, importTagName, seenOf, type ImportedVersion } from './refs.js'
import { findSuiteRelease, sourcesDigestInput, type SuiteRelease } from './release.js'
import { sourceEntries, type SourceEntry } from './sources.js'

/** What discovery read from the archive, for the fetch, the import, the push and the provenance. */
export interface ArchiveDiscovery {
  settings: ArchiveUpstream
  package: string
  /** The verified InRelease of each suite, in the order of upstream-suites. */
  releases: SuiteRelease[]
  /** Every listed version of the package (empty when Sources was not needed: nothing changed). */
  entries: SourceEntry[]
  /** The fork's imports, newest first. */
  imports: ImportedVersion[]
  /** suite → digest of its source indices now (the name of its seen ref). */
  digests: Map<string, string>
}

/**
 * Discovery for an archive upstream: the fork's refs, each suite's InRelease (verified), and the Sources
 * index only when its sha256 changed since the import the branch is on. The target is the highest version
 * across the suites; the previous one the newest import the branch contains, else downstream-base.
 */
export async function discoverArchive(
  settings: Settings,
  archive: ArchiveUpstream,
  forkEnv: Record<string, string>,
): Promise<Discovery> {
  const located = await archiveFork(settings, forkEnv)
  const { fork, branch, branchHead } = located
  const pkg = archive.package ?? (await packageOf(settings, fork, branchHead, forkEnv))
  const imports = importsOf(fork, pkg)
  const releases = await withArchiveKeys(archive.keyring, (keys) =>
    Promise.all(archive.suites.map((suite) => findSuiteRelease(archive.urls, suite, keys))),
  )
  const digests = new Map(releases.map((release) => [release.suite, digestOf(release)]))
  const discovery: ArchiveDiscovery = {
    settings: archive,
    package: pkg,
    releases,
    entries: [],
    imports,
    digests,
  }

  const base = archive.downstreamBase ? resolveBase(archive.downstreamBase, fork) : undefined
  const importCommits = new Set(imports.map((item) => item.commit))
  const reachesBase = (commits: readonly string[]) =>
    commits.some((sha) => importCommits.has(sha) || (base !== undefined && sha.startsWith(base)))
  const { commits: history } = await readProbe(settings, branch, forkEnv, reachesBase, {})
  const previous = await previousOf(settings, archive, history, imports, base, forkEnv, pkg, branch)
  const notes: string[] = []
  const target = await targetOf(settings, discovery, fork, history, notes)
  const behind = compareDebianVersions(target.version, previous.version)
  if (behind < 0) {
    notes.push(
      `The newest ${pkg} in ${archive.suites.join(', ')} is ${target.version}, lower than ${previous.version}, ` +
        'which the branch is on: nothing to do (patch-carrier never goes backwards)',
    )
  }
  const upstream: RemoteRefs = {
    refs: new Map(imports.map((item) => [`refs/tags/${item.name}`, item.commit])),
    tagCommits: new Map(imports.map((item) => [item.name, item.commit])),
  }
  return { ...located, upstream, target, previous, upToDate: behind <= 0, archive: discovery, notes }
}

/** The fork's refs and the branch followed, for a discovery whose versions are Debian's (an archive's). */
export async function archiveFork(
  settings: Settings,
  forkEnv: Record<string, string>,
): Promise<{ fork: RemoteRefs; branch: string; branchHead: string; order: 'debian' }> {
  const fork = await listNamed('remote-url', settings.remoteUrl, forkEnv)
  return { fork, ...forkBranch(settings, fork), order: 'debian' }
}

/**
 * The target: the import the branch is on when the fork's seen refs say no suite's source indices changed
 * (with a note); else the newest version the suites list (read into `discovery.entries`), or upstream-tag's.
 */
async function targetOf(
  settings: Settings,
  discovery: ArchiveDiscovery,
  fork: RemoteRefs,
  history: string[],
  notes: string[],
): Promise<ReleaseTag> {
  const { settings: archive, package: pkg, releases, digests, imports } = discovery
  const unchanged = settings.upstreamTag
    ? undefined
    : unchangedTarget(fork, pkg, releases, digests, imports, history)
  if (unchanged) {
    notes.push(`${archive.suites.join(', ')}: the source indices are unchanged since ${unchanged.name}`)
    return unchanged
  }
  discovery.entries = (await Promise.all(releases.map((release) => sourceEntries(release, pkg)))).flat()
  const chosen = settings.upstreamTag
    ? explicitEntry(discovery.entries, settings.upstreamTag, pkg, archive)
    : newestEntry(discovery.entries)
  if (!chosen)
    throw new DiscoveryError(
      `${archive.urls.join(', ')} list no source package ${pkg} in ${archive.suites.join(', ')}`,
    )
  const name = importTagName(pkg, chosen.version)
  return { name, version: chosen.version, commit: imports.find((item) => item.name === name)?.commit ?? '' }
}

function newestEntry(entries: SourceEntry[]): SourceEntry | undefined {
  return entries.reduce<SourceEntry | undefined>(
    (best, entry) => (best && compareDebianVersions(best.version, entry.version) >= 0 ? best : entry),
    undefined,
  )
}

/** upstream-tag with an archive: an import name (`import/<pkg>/<version>`) or a DEP-14 encoded version. */
function explicitEntry(
  entries: SourceEntry[],
  tag: string,
  pkg: string,
  archive: ArchiveUpstream,
): SourceEntry {
  const version = dep14Decode(tag.slice(tag.lastIndexOf('/') + 1))
  const entry = entries.find((candidate) => candidate.version === version)
  if (!entry) {
    const listed = [...new Set(entries.map((candidate) => candidate.version))].join(', ') || 'none'
    throw new DiscoveryError(
      `upstream-tag '${tag}': ${archive.suites.join(', ')} list no ${pkg} ${version} ` +
        `(it lists: ${listed})`,
    )
  }
  return entry
}

/** Fork refs, seen refs and InRelease agree with the import the branch is on: no Sources download. */
function unchangedTarget(
  fork: RemoteRefs,
  pkg: string,
  releases: SuiteRelease[],
  digests: Map<string, string>,
  imports: ImportedVersion[],
  history: string[],
): ReleaseTag | undefined {
  const commits = releases.map(
    (release) =>
      seenOf(fork, pkg, release.suite).find((seen) => seen.digest === digests.get(release.suite))?.commit,
  )
  const commit = commits[0]
  if (!commit || commits.some((other) => other !== commit) || !history.includes(commit)) return undefined
  const imported = imports.find((item) => item.commit === commit)
  return imported && { name: imported.name, version: imported.version, commit }
}

function digestOf(release: SuiteRelease): string {
  return createHash('sha256').update(sourcesDigestInput(release)).digest('hex').slice(0, 32)
}

/** The newest import the branch contains; else the commit downstream-base names, at its changelog's version. */
async function previousOf(
  settings: Settings,
  archive: ArchiveUpstream,
  history: string[],
  imports: ImportedVersion[],
  base: string | undefined,
  forkEnv: Record<string, string>,
  pkg: string,
  branch: string,
): Promise<ReleaseTag> {
  const contained = new Set(history)
  const imported = imports.find((item) => contained.has(item.commit))
  if (imported) return { name: imported.name, version: imported.version, commit: imported.commit }
  if (!archive.downstreamBase) {
    throw new DiscoveryError(
      `Branch '${branch}' contains no import of ${pkg} from ${archive.urls.join(', ')} yet: set downstream-base to the ` +
        "commit, tag or ref of the fork whose tree is the packaging as the archive had it (say the fork's " +
        'first commit, or the packaging tag it was made from); the commits after it are carried',
    )
  }
  if (base === undefined)
    throw new DiscoveryError(
      `downstream-base ${archive.downstreamBase} is neither a branch, tag or ref of the fork nor a commit sha`,
    )
  const commit = history.find((sha) => sha.startsWith(base))
  if (!commit) {
    throw new DiscoveryError(
      `downstream-base ${archive.downstreamBase} is not a commit of branch '${branch}' on the fork`,
    )
  }
  const changelog = await readForkFile(
    settings.workDir,
    settings.remoteUrl,
    commit,
    'debian/changelog',
    forkEnv,
  )
  const version = changelog === undefined ? undefined : parseChangelog(changelog)[0]?.version
  if (!version)
    throw new DiscoveryError(
      `downstream-base ${archive.downstreamBase} has no debian/changelog to read its version from`,
    )
  return { name: archive.downstreamBase, version, commit }
}

/** downstream-base as a sha prefix: a tag or branch of the fork (peeled), a full ref, or hex digits. */
function resolveBase(value: string, fork: RemoteRefs): string | undefined {
  const byName =
    fork.tagCommits.get(value) ??
    fork.refs.get(`refs/heads/${value}`) ??
    (value.startsWith('refs/tags/') ? fork.tagCommits.get(value.slice('refs/tags/'.length)) : undefined) ??
    fork.refs.get(value)
  if (byName) return byName
  return /^[0-9a-f]{7,40}$/.test(value) ? value : undefined
}

/** The package: the only one the fork holds imports of, else the Source of the branch's debian/control. */
async function packageOf(
  settings: Settings,
  fork: RemoteRefs,
  branchHead: string,
  forkEnv: Record<string, string>,
): Promise<string> {
  const imported = importedPackages(fork)
  if (imported.length === 1) return imported[0]!
  const control = await readForkFile(
    settings.workDir,
    settings.remoteUrl,
    branchHead,
    'debian/control',
    forkEnv,
  )
  const source = control === undefined ? undefined : parseParagraphs(control)[0]?.get('source')
  if (!source || !/^[a-z0-9][a-z0-9+.-]+$/.test(source)) {
    throw new DiscoveryError(
      "The fork's debian/control names no Source package to follow: set upstream-package",
    )
  }
  return source
}
