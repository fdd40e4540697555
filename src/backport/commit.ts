import { join } from 'node:path'
import { commitTree } from '../git/commit-tree.js'
import type { GitRepo, Identity } from '../git/repo.js'
import { writeBlob, writeTreeOf, type IndexEntry } from '../git/trees.js'
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
  const sorted = [...files].sort(([a], [b]) => (a < b ? -1 : 1))
  const entries: IndexEntry[] = []
  for (const [path, content] of sorted)
    entries.push({ mode: '100644', blob: await writeBlob(repo, content), path })
  const tree = await withTempDir('backport-index', (dir) =>
    writeTreeOf(repo, join(dir, 'index'), entries, { tree: parent }),
  )
  return commitTree(repo, { tree, parents: [parent], message, identity: committer, date })
}
