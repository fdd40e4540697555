import { lstat, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { GitRepo } from '../git/repo.js'
import { writeDiskBlobs, writeTreeOf } from '../git/trees.js'

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
  const blobs = await writeDiskBlobs(
    repo,
    entries.map((entry) => ({ absolute: entry.absolute, link: entry.mode === '120000' })),
  )
  return writeTreeOf(
    repo,
    indexFile,
    entries.map((entry, i) => ({ mode: entry.mode, blob: blobs[i]!, path: entry.path })),
    base && { tree: base.tree, remove: base.replace },
  )
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
