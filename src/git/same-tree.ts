import type { GitRepo } from './repo.js'

/**
 * Whether the trees of commits `a` and `b` hold the same entries at their top level, leaving out the
 * names in `ignored`: then every file below those entries is the same too (same tree and blob ids).
 */
export async function sameTreeOutside(
  repo: GitRepo,
  a: string,
  b: string,
  ignored: readonly string[],
): Promise<boolean> {
  const [left, right] = await Promise.all([topLevel(repo, a, ignored), topLevel(repo, b, ignored)])
  return left === right
}

async function topLevel(repo: GitRepo, commit: string, ignored: readonly string[]): Promise<string> {
  const listing = await repo.read(['ls-tree', '-z', '--end-of-options', `${commit}^{tree}`])
  const skip = new Set(ignored)
  return listing
    .split('\0')
    .filter((entry) => entry !== '' && !skip.has(entry.slice(entry.indexOf('\t') + 1)))
    .join('\0')
}
