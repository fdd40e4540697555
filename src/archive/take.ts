import { copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { RefUpdate } from '../git/push.js'
import { setRef } from '../git/refs.js'
import type { GitRepo } from '../git/repo.js'
import { upstreamRef } from '../git/workspace.js'
import type { EarlyWork } from '../packaging/packager.js'
import { origKey } from '../packaging/debian/orig-early.js'
import type { Discovery, ReleaseTag } from '../pipeline/discover.js'
import { upstreamVersionOf } from '../versions/dpkg.js'
import type { ArchiveDiscovery } from './discover.js'
import { downloadSource, type DownloadedSource } from './download.js'
import { importSource } from './import.js'
import { importRef, seenPrefix } from './refs.js'
import type { SuiteRelease } from './release.js'
import { sourceEntries, type SourceEntry } from './sources.js'

/** A version taken from the archive: its verified files, and where it came from. */
export interface TakenSource {
  entry: SourceEntry
  release: SuiteRelease
  downloaded: DownloadedSource
  /** The import commit (made by this run, or the fork's). */
  commit: string
  /** True when this run made the import (it is pushed with the branch). */
  imported: boolean
  /** Only the orig tarballs were taken, from `entry`, another version of the same upstream version. */
  origOnly: boolean
}

/**
 * Downloads the version `tag` stands for from the archive, verified, and imports it unless the fork has
 * the import already; the import is then the local upstream tag the rebase and the build read.
 * Undefined when no watched suite lists the version any more (a build of an older import).
 */
export async function takeFromArchive(
  repo: GitRepo,
  discovery: Discovery & { archive: ArchiveDiscovery },
  tag: ReleaseTag,
  /** The build's scratch directory (in memory when there is room): downloads and the unpacked tree go there. */
  scratchDir: string,
): Promise<TakenSource | undefined> {
  const archive = discovery.archive
  if (archive.entries.length === 0) {
    archive.entries = (
      await Promise.all(archive.releases.map((release) => sourceEntries(release, archive.package)))
    ).flat()
  }
  const entry = archive.entries.find((candidate) => candidate.version === tag.version)
  if (!entry) return origOfSameUpstream(repo, archive, tag, scratchDir)
  const release = archive.releases.find((candidate) => candidate.suite === entry.suite)!
  const downloaded = await downloadSource(entry, join(scratchDir, 'archive-download'))
  let commit = tag.commit
  const imported = commit === ''
  if (imported) {
    const parent = archive.imports[0]?.commit
    commit = await importSource(repo, downloaded, parent, join(scratchDir, 'archive-import'))
    // the target is known from here on: the rebase, the pull request and the push read it
    tag.commit = commit
    discovery.upstream.tagCommits.set(tag.name, commit)
    discovery.upstream.refs.set(`refs/tags/${tag.name}`, commit)
  }
  await setRef(repo, upstreamRef(`refs/tags/${tag.name}`), commit)
  return { entry, release, downloaded, commit, imported, origOnly: false }
}

/**
 * A version the suites no longer list (a build of an older import): its orig tarballs are still those of
 * any listed version of the same upstream version, and only they are downloaded (verified as always).
 */
async function origOfSameUpstream(
  repo: GitRepo,
  archive: ArchiveDiscovery,
  tag: ReleaseTag,
  scratchDir: string,
): Promise<TakenSource | undefined> {
  if (tag.commit === '') return undefined
  await setRef(repo, upstreamRef(`refs/tags/${tag.name}`), tag.commit)
  const uv = upstreamVersionOf(tag.version)
  const entry = archive.entries.find((candidate) => upstreamVersionOf(candidate.version) === uv)
  if (!entry) return undefined
  const stem = `${entry.package}_${uv}.orig`
  const downloaded = await downloadSource(entry, join(scratchDir, 'archive-download'), (name) =>
    name.startsWith(stem),
  )
  const release = archive.releases.find((candidate) => candidate.suite === entry.suite)!
  return { entry, release, downloaded, commit: tag.commit, imported: false, origOnly: true }
}

/** Fork refs the work repository needs: the imports the target and its parent are. */
export function archiveForkRefs(discovery: Discovery): string[] {
  const archive = discovery.archive
  if (!archive) return []
  const wanted = new Set([discovery.target.name, discovery.previous.name, archive.imports[0]?.name])
  return archive.imports.filter((item) => wanted.has(item.name)).map((item) => importRef(item.name))
}

/**
 * The archive's orig tarballs (and their upstream `.asc`) placed in the build's scratch directory, as the
 * build's early work: the package then carries Debian's own tarballs, bit for bit.
 */
export async function archiveOrig(taken: TakenSource, scratchDir: string): Promise<EarlyWork | undefined> {
  const uv = upstreamVersionOf(taken.entry.version)
  const stem = `${taken.entry.package}_${uv}.orig`
  const tarball = (name: string): boolean => name.startsWith(stem) && /\.tar\.[a-z0-9]+$/.test(name)
  const names = taken.downloaded.files.map((file) => file.name)
  const tarballs = names
    .filter(tarball)
    .sort((a, b) => Number(a.startsWith(`${stem}-`)) - Number(b.startsWith(`${stem}-`)) || a.localeCompare(b))
  if (tarballs.length === 0) return undefined // a native package has none
  const files: string[] = []
  for (const name of tarballs) {
    await copyFile(join(taken.downloaded.dir, name), join(scratchDir, name))
    files.push(join(scratchDir, name))
    if (names.includes(`${name}.asc`))
      await copyFile(join(taken.downloaded.dir, `${name}.asc`), join(scratchDir, `${name}.asc`))
  }
  return {
    key: origKey(taken.entry.package, uv),
    orig: {
      files,
      method: 'debian-archive',
      cached: false,
      unpackedAs: taken.origOnly ? undefined : taken.commit,
    },
    seconds: 0,
  }
}

/**
 * Refs a sync pushes with the branch: the import (when this run made it), and each suite's seen ref moved
 * to the digest read now (the old one deleted in the same atomic push).
 */
export function archiveRefUpdates(discovery: Discovery, taken: TakenSource | undefined): RefUpdate[] {
  const archive = discovery.archive
  if (!archive || !taken) return []
  const updates: RefUpdate[] = []
  if (discovery.fork.refs.get(importRef(discovery.target.name)) !== taken.commit)
    updates.push({ ref: importRef(discovery.target.name), sha: taken.commit })
  for (const release of archive.releases) {
    const prefix = seenPrefix(archive.package, release.suite)
    const current = `${prefix}${archive.digests.get(release.suite)}`
    for (const ref of discovery.fork.refs.keys())
      if (ref.startsWith(prefix) && ref !== current) updates.push({ ref, sha: '' })
    if (discovery.fork.refs.get(current) !== taken.commit) updates.push({ ref: current, sha: taken.commit })
  }
  return updates
}
