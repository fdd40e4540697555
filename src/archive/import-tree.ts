import { lstat, readdir, readlink, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { GitRepo } from '../git/repo.js'

/** One entry of an imported tree, as git stores it. */
interface TreeEntry {
  mode: '100644' | '100755' | '120000'
  path: string
  absolute: string
}

/**
 * Writes the files under `dir` as a git tree, hashed without git's filters (an upstream `.gitattributes`
 * cannot change what is stored). With `base`, the tree starts from that tree with `replace` (a top-level
 * directory) removed: the files under `dir` then stand in for it.
 */
export async function writeDirectoryTree(
  repo: GitRepo,
  dir: string,
  indexFile: string,
  base?: { tree: string; replace: string },
): Promise<string> {
  const entries = await walk(dir, '')
  const blobs = await hashFiles(repo, entries)
  await rm(indexFile, { force: true })
  const indexed = repo.withEnv({ GIT_INDEX_FILE: indexFile })
  try {
    if (base) {
      await indexed.exec(['read-tree', '--end-of-options', base.tree])
      await indexed.exec(['rm', '--cached', '-r', '-q', '--ignore-unmatch', '--', base.replace])
    }
    await indexed.exec(['update-index', '--add', '-z', '--index-info'], {
      input: entries.map((entry, i) => `${entry.mode} ${blobs[i]}\t${entry.path}\0`).join(''),
    })
    return await indexed.read(['write-tree'])
  } finally {
    await rm(indexFile, { force: true })
  }
}

async function walk(root: string, prefix: string): Promise<TreeEntry[]> {
  const found: TreeEntry[] = []
  for (const name of (await readdir(join(root, prefix))).sort()) {
    const path = prefix ? `${prefix}/${name}` : name
    if (/[\n\0]/.test(path))
      throw new Error(`the source package holds a file name git cannot import: ${JSON.stringify(path)}`)
    const absolute = join(root, path)
    const info = await lstat(absolute)
    if (info.isDirectory()) {
      if (name === '.git') throw new Error(`the source package holds a .git directory (${path}): refused`)
      found.push(...(await walk(root, path)))
    } else if (info.isSymbolicLink()) found.push({ mode: '120000', path, absolute })
    else if (info.isFile()) found.push({ mode: info.mode & 0o111 ? '100755' : '100644', path, absolute })
  }
  return found
}

/** Blob ids of the entries: files hashed in one `git hash-object` call, links by their target text. */
async function hashFiles(repo: GitRepo, entries: TreeEntry[]): Promise<string[]> {
  const files = entries.filter((entry) => entry.mode !== '120000')
  const ids = (
    await repo.read(['hash-object', '-w', '--no-filters', '--stdin-paths'], {
      input: files.map((entry) => `${entry.absolute}\n`).join(''),
    })
  ).split('\n')
  const byPath = new Map(files.map((entry, i) => [entry.path, ids[i]!]))
  const result: string[] = []
  for (const entry of entries) {
    if (entry.mode !== '120000') result.push(byPath.get(entry.path)!)
    else
      result.push(
        await repo.read(['hash-object', '-w', '--stdin'], { input: await readlink(entry.absolute) }),
      )
  }
  return result
}
