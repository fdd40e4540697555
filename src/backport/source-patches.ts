import { parseChangelog } from '../packaging/debian/changelog.js'
import { parseSeries, patchLevel, type SeriesEntry } from '../packaging/debian/series.js'
import { cveIds, splitPatch } from './dep3.js'
import type { SourcePatch } from './verdicts.js'

/** Reads a file of a revision (undefined when absent): the git reader, or an unpacked source package's. */
export type FileReader = (revision: string, path: string) => Promise<string | undefined>

export interface VersionPatches {
  /** The new version's series, for where each patch stood. */
  series: SeriesEntry[]
  /** Added or changed patches, in series order. */
  patches: SourcePatch[]
  /** CVE ids of its changelog entries since the previous version, and of its patches. */
  cves: string[]
  /** Series entries it had to pass over (a name leaving debian/patches, a missing file). */
  notes: string[]
}

/**
 * The quilt patches a version adds or changes against the previous one: the series entries whose file is
 * new or differs. CVE ids come from each patch's DEP-3 header and from changelog lines naming the patch.
 */
export async function versionPatches(
  read: FileReader,
  previous: string,
  next: string,
): Promise<VersionPatches> {
  const series = parseSeries((await read(next, 'debian/patches/series')) ?? '')
  const entries = await changelogSince(read, previous, next)
  const patches: SourcePatch[] = []
  const notes: string[] = []
  for (const entry of series) {
    if (entry.name.split('/').some((part) => part === '..' || part === '') || entry.name.startsWith('/')) {
      notes.push(`series entry "${entry.name}" leaves debian/patches/: passed over`)
      continue
    }
    const text = await read(next, `debian/patches/${entry.name}`)
    if (text === undefined) {
      notes.push(`debian/patches/${entry.name} is in the series but does not exist: passed over`)
      continue
    }
    const before = await read(previous, `debian/patches/${entry.name}`)
    if (before === text) continue
    const named = entries.filter((line) => line.includes(entry.name.split('/').pop()!))
    patches.push({
      name: entry.name,
      line: [entry.name, ...entry.options].join(' '),
      level: patchLevel(entry),
      text,
      change: before === undefined ? 'added' : 'changed',
      cves: [...new Set([...cveIds(splitPatch(text).header), ...cveIds(named.join('\n'))])],
    })
  }
  const cves = [...new Set([...patches.flatMap((patch) => patch.cves), ...cveIds(entries.join('\n'))])]
  return { series, patches, cves, notes }
}

/** The change lines (bullets joined with their continuations) of the changelog entries newer than `previous`'s. */
async function changelogSince(read: FileReader, previous: string, next: string): Promise<string[]> {
  const parse = async (revision: string) => {
    const text = await read(revision, 'debian/changelog')
    try {
      return text === undefined ? [] : parseChangelog(text)
    } catch {
      return []
    }
  }
  const known = new Set((await parse(previous)).map((entry) => entry.version))
  const fresh = (await parse(next)).filter((entry) => !known.has(entry.version))
  return fresh.flatMap((entry) => entry.changes.split(/\n(?=\s*[*-] )/))
}
