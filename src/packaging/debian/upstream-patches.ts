import type { GitRepo } from '../../git/repo.js'
import { resolveInTree } from '../../git/tree-links.js'
import { parseSeries, patchKey } from './series.js'

const PATCHES = 'debian/patches/'

/**
 * The quilt patches (by patchKey) that are upstream's own in `head`: listed in `upstream`'s series, with
 * the same contents in both trees. The others are the fork's, even when their names look alike. Two
 * `ls-tree` listings and the series: a package's hundred patches cost no more.
 */
export async function upstreamOwnPatches(
  repo: GitRepo,
  upstream: string,
  head: string,
): Promise<Set<string>> {
  const [theirs, ours] = await Promise.all([repo.listFiles(upstream), repo.listFiles(head)])
  const blobOf = async (files: typeof theirs, path: string) => {
    const where = await resolveInTree(repo.linksOf(files), path).catch(() => undefined)
    return where === undefined ? undefined : files.get(where)?.sha
  }
  const own = new Set<string>()
  const series = await blobOf(theirs, `${PATCHES}series`)
  const text = series ? await repo.readBlob(series) : ''
  for (const entry of parseSeries(text)) {
    if (entry.name.split('/').includes('..')) continue
    const key = patchKey(entry.name)
    const upstreamBlob = await blobOf(theirs, PATCHES + key)
    if (upstreamBlob && upstreamBlob === (await blobOf(ours, PATCHES + key))) own.add(key)
  }
  return own
}
