import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { assertLinksInside } from '../link-guard.js'
import { dedupeSeries } from './series.js'

/**
 * Readies a tree exported for dpkg-source: every symbolic link in debian/ must lead within the tree
 * (dpkg-source reads and writes through them, and `dpkg-source -x` refuses a package whose debian/ links
 * point outside its source root), else a TreeLinkError naming it; quilt's state (`.pc/`) that came with
 * the tree goes (dpkg-source would take it for applied patches and write through it); a series line that
 * names a patch again goes (dpkg-source would apply it twice). Returns what was changed, for the notes.
 */
export async function prepareBuildTree(treeDir: string): Promise<string[]> {
  await assertLinksInside(
    treeDir,
    'debian',
    'dpkg-source would follow it, and dpkg-source -x refuses a package whose debian/ links point outside its source root',
  )
  await rm(join(treeDir, '.pc'), { recursive: true, force: true })
  const series = join(treeDir, 'debian', 'patches', 'series')
  const text = await readFile(series, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw error
  })
  const { text: once, repeats } = dedupeSeries(text ?? '')
  if (repeats.length === 0) return []
  await writeFile(series, once)
  return repeats.map(
    ({ entry, first }) =>
      `debian/patches/series line ${entry.line} names ${first.name} again (first on line ${first.line}): the package applies it once`,
  )
}
