import { lstat, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { commitTree } from '../git/commit-tree.js'
import type { GitRepo } from '../git/repo.js'
import { writeDiskBlobs, writeTreeOf, type DiskFile } from '../git/trees.js'
import { parseChangelog } from '../packaging/debian/changelog.js'
import { withTempDir } from '../packaging/debian/temp.js'

/**
 * A parentless commit of a directory's files as they are (no git filters, symlinks as links), its author
 * and date the top changelog entry's: the same packaging always gives the same commit.
 */
export async function commitDirectory(repo: GitRepo, dir: string, message: string): Promise<string> {
  const entries: { mode: string; path: string; file: DiskFile }[] = []
  for (const path of await walk(dir, '')) {
    const absolute = join(dir, path)
    const info = await lstat(absolute)
    const link = info.isSymbolicLink()
    entries.push({
      mode: link ? '120000' : info.mode & 0o111 ? '100755' : '100644',
      path,
      file: { absolute, link },
    })
  }
  const blobs = await writeDiskBlobs(
    repo,
    entries.map((entry) => entry.file),
  )
  const tree = await withTempDir('backport-tree', (tmp) =>
    writeTreeOf(
      repo,
      join(tmp, 'index'),
      entries.map((entry, i) => ({ mode: entry.mode, blob: blobs[i]!, path: entry.path })),
    ),
  )
  const top = parseChangelog(await readFile(join(dir, 'debian/changelog'), 'utf8'))[0]!
  const author = /^(.*?)\s*<([^<>]*)>$/.exec(top.maintainer)
  const identity = { name: author?.[1] || top.maintainer, email: author?.[2] ?? '' }
  return commitTree(repo, { tree, parents: [], message, identity, date: top.date })
}

/** Regular files and symlinks below `root`, sorted; names git cannot hold are refused. */
async function walk(root: string, prefix: string): Promise<string[]> {
  const found: string[] = []
  for (const name of (await readdir(join(root, prefix))).sort()) {
    const path = prefix ? `${prefix}/${name}` : name
    if (/[\n\0]/.test(path) || name === '.git')
      throw new Error(`the packaging holds a name git cannot take: ${JSON.stringify(path)}`)
    const info = await lstat(join(root, path))
    if (info.isDirectory()) found.push(...(await walk(root, path)))
    else if (info.isFile() || info.isSymbolicLink()) found.push(path)
  }
  return found
}
