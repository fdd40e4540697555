import { mkdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { GitRepo } from '../git/repo.js'
import { upstreamRef } from '../git/workspace.js'

/**
 * Whether a cache repository holds objects to borrow: it opens and has refs. A broken one (an interrupted
 * restore) is never borrowed from.
 */
export async function usableObjects(cacheRepo: string): Promise<boolean> {
  try {
    if (!(await stat(join(cacheRepo, 'objects'))).isDirectory()) return false
    const refs = await new GitRepo(cacheRepo).read(['for-each-ref', '--count=1', '--format=%(refname)'])
    return refs !== ''
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
  const cache = new GitRepo(cacheRepo)
  if (!(await usableObjects(cacheRepo))) {
    await rm(cacheRepo, { recursive: true, force: true })
    await mkdir(cacheRepo, { recursive: true })
    await cache.exec(['init', '--quiet', '--bare'])
    await cache.exec(['config', 'gc.auto', '0'])
  }
  await cache.exec([
    'fetch',
    '--quiet',
    '--no-tags',
    '--no-write-fetch-head',
    '--end-of-options',
    work.gitDir,
    `+${upstreamRef('refs/')}*:refs/*`,
  ])
}
