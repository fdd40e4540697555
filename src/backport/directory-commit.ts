import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { commitTree } from '../git/commit-tree.js'
import type { GitRepo } from '../git/repo.js'
import { writeDirectoryTree } from '../git/trees.js'
import { maintainerIdentity, parseChangelog } from '../packaging/debian/changelog.js'
import { withTempDir } from '../packaging/debian/temp.js'

/**
 * A parentless commit of a directory's files as they are (no git filters, symlinks as links), its author
 * and date the top changelog entry's: the same packaging always gives the same commit.
 */
export async function commitDirectory(repo: GitRepo, dir: string, message: string): Promise<string> {
  const tree = await withTempDir('backport-tree', (tmp) =>
    writeDirectoryTree(repo, dir, join(tmp, 'index'), 'the packaging'),
  )
  const top = parseChangelog(await readFile(join(dir, 'debian/changelog'), 'utf8'))[0]!
  return commitTree(repo, {
    tree,
    parents: [],
    message,
    identity: maintainerIdentity(top.maintainer),
    date: top.date,
  })
}
