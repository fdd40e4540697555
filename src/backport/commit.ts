import { join } from 'node:path'
import { identityEnv, type GitRepo, type Identity } from '../git/repo.js'
import { withTempDir } from '../packaging/debian/temp.js'

/**
 * A commit on `parent` whose tree is the parent's with `files` (path → content) written, made in a
 * temporary index (no work tree). Identity and date are given, so the same port always gives the same sha.
 */
export async function commitFiles(
  repo: GitRepo,
  parent: string,
  files: ReadonlyMap<string, string>,
  message: string,
  committer: Identity,
  date: string,
): Promise<string> {
  const tree = await withTempDir('backport-index', async (dir) => {
    const env = { GIT_INDEX_FILE: join(dir, 'index') }
    await repo.exec(['read-tree', parent], { env })
    for (const [path, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const blob = await repo.read(['hash-object', '-w', '--stdin'], { input: content })
      await repo.exec(['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`], { env })
    }
    return repo.read(['write-tree'], { env })
  })
  return repo.read(['commit-tree', tree, '-p', parent], { env: identityEnv(committer, date), input: message })
}
