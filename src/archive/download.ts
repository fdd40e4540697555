import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fieldValue, parseDsc } from '../packaging/debian/dsc.js'
import { ArchiveError, downloadVerified } from './http.js'
import type { SourceEntry } from './sources.js'

/** A source package downloaded from the archive, every byte checked against the signed indices. */
export interface DownloadedSource {
  dir: string
  dsc: string
  /** Every file taken from the archive, with its sha256: the provenance. */
  files: { name: string; sha256: string; size: number }[]
}

/**
 * Downloads the `.dsc` and every file it names into a fresh `dir`. Each must match the size and sha256 of
 * the signed Sources index; then the `.dsc`'s own Checksums-Sha256 must list exactly the same files with
 * the same sums. Any mismatch or missing file: an error, and the directory is removed.
 */
export async function downloadSource(
  entry: SourceEntry,
  dir: string,
  only?: (name: string) => boolean,
): Promise<DownloadedSource> {
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  try {
    const wanted = entry.files.filter((file) => file.name.endsWith('.dsc') || !only || only(file.name))
    const listedIn = `the ${entry.suite} Sources index`
    for (const file of wanted) {
      const url = `${entry.archive}/${entry.directory}/${file.name}`
      await downloadVerified(url, join(dir, file.name), file, listedIn)
    }
    const dscFile = entry.files.find((file) => file.name.endsWith('.dsc'))!
    const dsc = parseDsc(await readFile(join(dir, dscFile.name), 'utf8'))
    const where = dscFile.name
    if (
      fieldValue(dsc.fields, 'Source') !== entry.package ||
      fieldValue(dsc.fields, 'Version') !== entry.version
    )
      throw new ArchiveError(
        `${where} is not ${entry.package} ${entry.version}, which the Sources index names`,
      )
    const listed = new Map(entry.files.map((file) => [file.name, file]))
    const named = dsc.files
    if (named.length !== entry.files.length - 1)
      throw new ArchiveError(`${where} names other files than the Sources index lists`)
    for (const file of named) {
      const indexed = listed.get(file.name)
      if (!indexed || indexed.sha256 !== file.sha256 || indexed.size !== file.size)
        throw new ArchiveError(`${where}: ${file.name} differs from the Sources index (sha256 or size)`)
    }
    return {
      dir,
      dsc: join(dir, dscFile.name),
      files: wanted.map(({ name, sha256, size }) => ({ name, sha256, size })),
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    // which package, version and suite: the URL alone does not say what the run was taking
    if (error instanceof ArchiveError)
      throw new ArchiveError(
        `Cannot take ${entry.package} ${entry.version} from ${entry.suite}: ${error.message}`,
        error.status,
        { cause: error },
      )
    throw error
  }
}
