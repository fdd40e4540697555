import type { GitRepo } from '../git/repo.js'
import { treePaths } from '../git/trees.js'
import { exportPaths } from '../packaging/debian/export-tree.js'
import { assertLinksInside } from '../packaging/link-guard.js'
import { patchTargets } from '../packaging/debian/quilt-inputs.js'
import { parseSeries } from '../packaging/debian/series.js'

const PATCHES = 'debian/patches/'

/**
 * Writes the part of the fork's tree that porting reads into `dir`: debian/patches/, and every file that
 * the fork's patches or the new ones name. GNU patch opens no other file, so nothing else is written.
 */
export async function exportPortInputs(
  repo: GitRepo,
  head: string,
  dir: string,
  newPatches: readonly string[],
): Promise<void> {
  const paths = new Set(await treePaths(repo, head))
  await exportPaths(
    repo,
    head,
    dir,
    [...paths].filter((path) => path.startsWith(PATCHES)),
  )
  const texts = [...newPatches]
  for (const entry of parseSeries((await repo.readFile(head, `${PATCHES}series`)) ?? '')) {
    const text = paths.has(PATCHES + entry.name) ? await repo.readFile(head, PATCHES + entry.name) : undefined
    if (text !== undefined) texts.push(text)
  }
  const named = new Set<string>()
  for (const text of texts)
    for (const path of patchTargets(text)) if (paths.has(path) && !path.startsWith(PATCHES)) named.add(path)
  await exportPaths(repo, head, dir, [...named])
  // porting reads the series and the patches from here: no link may lead out of the tree
  await assertLinksInside(dir, 'debian', 'porting would read through it')
}
