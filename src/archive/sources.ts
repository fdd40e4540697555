import { gunzipSync } from 'node:zlib'
import { run } from '../process/run.js'
import { isValidDebianVersion } from '../versions/dpkg.js'
import { checksumLines, parseParagraphs, type ChecksumLine } from './deb822.js'
import { ArchiveError, fetchVerified } from './http.js'
import type { SuiteRelease } from './release.js'

/** One version of the source package as a suite's signed Sources index lists it. */
export interface SourceEntry {
  suite: string
  /** The archive (base URL) whose pool holds the files. */
  archive: string
  package: string
  version: string
  /** Pool directory relative to the archive root (`pool/updates/main/d/dovecot`). */
  directory: string
  /** The `.dsc` and every file it names, with the sizes and sha256 the index gives. */
  files: ChecksumLine[]
  /** The index the entry was read from, for provenance. */
  index: ChecksumLine
}

/**
 * The versions of `pkg` in one suite: each source index of the Release (main first) is downloaded,
 * checked against the sha256 the signed Release gives, and read until one lists the package.
 */
export async function sourceEntries(release: SuiteRelease, pkg: string): Promise<SourceEntry[]> {
  if (release.sources.length === 0)
    throw new ArchiveError(`${release.base}InRelease lists no source index (…/source/Sources.xz or .gz)`)
  for (const index of release.sources) {
    const packed = await fetchVerified(
      `${release.base}${index.name}`,
      index,
      `the signed InRelease of ${release.suite}`,
    )
    const text = index.name.endsWith('.xz') ? await unxz(packed) : gunzipSync(packed).toString('utf8')
    const entries = parseParagraphs(text)
      .filter((stanza) => stanza.get('package') === pkg)
      .map((stanza) => entryOf(stanza, release.suite, pkg, index, release.archive))
    if (entries.length > 0) return entries
  }
  return []
}

function entryOf(
  stanza: Map<string, string>,
  suite: string,
  pkg: string,
  index: ChecksumLine,
  archiveUrl: string,
): SourceEntry {
  const version = stanza.get('version') ?? ''
  const directory = stanza.get('directory') ?? ''
  const where = `${archiveUrl} ${suite} Sources, ${pkg} ${version}`
  if (!isValidDebianVersion(version)) throw new ArchiveError(`${where}: not a Debian version`)
  // the directory and file names become URL paths and local file names: nothing that could climb out
  if (!/^[A-Za-z0-9][A-Za-z0-9._+~/-]*$/.test(directory) || directory.split('/').includes('..'))
    throw new ArchiveError(`${where}: unusable Directory ${JSON.stringify(directory)}`)
  const files = checksumLines(stanza.get('checksums-sha256'), where)
  for (const file of files) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._+~-]*$/.test(file.name))
      throw new ArchiveError(`${where}: unusable file name ${JSON.stringify(file.name)}`)
  }
  if (files.filter((file) => file.name.endsWith('.dsc')).length !== 1)
    throw new ArchiveError(`${where}: the entry must list exactly one .dsc`)
  return { suite, archive: archiveUrl, package: pkg, version, directory, files, index }
}

async function unxz(packed: Buffer): Promise<string> {
  return (await run('xz', ['--decompress', '--stdout', '--quiet'], { input: packed })).stdout
}
