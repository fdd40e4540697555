import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { copyRefs, hasRefs, initObjectStore } from '../git/object-store.js'
import { GitRepo } from '../git/repo.js'
import { upstreamRef } from '../git/workspace.js'

/**
 * Whether a cache repository holds objects to borrow: it opens and has refs. A broken one (an interrupted
 * restore) is never borrowed from.
 */
export async function usableObjects(cacheRepo: string): Promise<boolean> {
  try {
    if (!(await stat(join(cacheRepo, 'objects'))).isDirectory()) return false
    return await hasRefs(new GitRepo(cacheRepo))
  } catch {
    return false
  }
}

/**
 * Copies what the work repository fetched from upstream (its refs/patch-carrier/upstream/…) into the
 * cache repository: a local fetch, so only objects the cache lacks move. Nothing of the fork goes in, and
 * no credential: upstream is fetched without one, and the cache repository has no remote configured.
 */
export async function keepObjects(work: GitRepo, cacheRepo: string): Promise<void> {
  const cache = (await usableObjects(cacheRepo)) ? new GitRepo(cacheRepo) : await initObjectStore(cacheRepo)
  await copyRefs(cache, work.gitDir, `+${upstreamRef('refs/')}*:refs/*`)
}
