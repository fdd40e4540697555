import { lstat, readdir, readFile, readlink } from 'node:fs/promises'
import { join } from 'node:path'
import { identityEnv, type GitRepo } from '../git/repo.js'
import { parseChangelog } from '../packaging/debian/changelog.js'
import { withTempDir } from '../packaging/debian/temp.js'

/**
 * A parentless commit of a directory's files as they are (no git filters, symlinks as links), its author
 * and date the top changelog entry's: the same packaging always gives the same commit.
 */
export async function commitDirectory(repo: GitRepo, dir: string, message: string): Promise<string> {
  const entries: string[] = []
  for (const path of await walk(dir, '')) {
    const absolute = join(dir, path)
    const info = await lstat(absolute)
    const blob = info.isSymbolicLink()
      ? await repo.read(['hash-object', '-w', '--stdin'], { input: await readlink(absolute) })
      : await repo.read(['hash-object', '-w', '--no-filters', '--', absolute])
    const mode = info.isSymbolicLink() ? '120000' : info.mode & 0o111 ? '100755' : '100644'
    entries.push(`${mode} ${blob}\t${path}\0`)
  }
  const tree = await withTempDir('backport-tree', async (tmp) => {
    const indexed = repo.withEnv({ GIT_INDEX_FILE: join(tmp, 'index') })
    await indexed.exec(['update-index', '--add', '-z', '--index-info'], { input: entries.join('') })
    return indexed.read(['write-tree'])
  })
  const top = parseChangelog(await readFile(join(dir, 'debian/changelog'), 'utf8'))[0]!
  const author = /^(.*?)\s*<([^<>]*)>$/.exec(top.maintainer)
  const identity = { name: author?.[1] || top.maintainer, email: author?.[2] ?? '' }
  return repo.read(['commit-tree', tree, '-F', '-'], { env: identityEnv(identity, top.date), input: message })
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
