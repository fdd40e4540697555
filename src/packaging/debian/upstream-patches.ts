import type { GitRepo } from '../../git/repo.js'
import { parseSeries, patchKey } from './series.js'

const PATCHES = 'debian/patches/'

/**
 * The quilt patches (by patchKey) that are upstream's own in `head`: listed in `upstream`'s series, with
 * the same contents in both trees. The others are the fork's, even when their names look alike.
 */
export async function upstreamOwnPatches(
  repo: GitRepo,
  upstream: string,
  head: string,
): Promise<Set<string>> {
  const own = new Set<string>()
  const series = await repo.readFile(upstream, `${PATCHES}series`)
  for (const entry of parseSeries(series ?? '')) {
    const path = PATCHES + patchKey(entry.name)
    if (entry.name.split('/').includes('..')) continue
    const [theirs, ours] = await Promise.all(
      [upstream, head].map(async (revision) => {
        const where = await repo.resolvePath(revision, path).catch(() => undefined)
        return where === undefined ? undefined : repo.treeEntry(revision, where)
      }),
    )
    if (theirs && theirs.sha === ours?.sha) own.add(patchKey(entry.name))
  }
  return own
}
