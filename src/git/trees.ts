import { lstat, readdir, readlink, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { GitRepo } from './repo.js'

/** One entry to put in a tree: its mode (`100644`, `100755`, `120000`), blob id and path. */
export interface IndexEntry {
  mode: string
  blob: string
  path: string
}

/** A file on disk to store as a blob: a symbolic link is stored as its target's text. */
interface DiskFile {
  absolute: string
  link: boolean
}

/** Stores `content` as a blob, as it is (standard input takes no filter), and returns its id. */
export function writeBlob(repo: GitRepo, content: string): Promise<string> {
  return repo.read(['hash-object', '-w', '--stdin'], { input: content })
}

/**
 * Blob ids of files on disk, in order: the regular files hashed without git's filters in one call (an
 * upstream `.gitattributes` cannot change what is stored), each link by its target's text.
 */
export async function writeDiskBlobs(repo: GitRepo, files: readonly DiskFile[]): Promise<string[]> {
  const regular = files.filter((file) => !file.link)
  const ids = (
    await repo.read(['hash-object', '-w', '--no-filters', '--stdin-paths'], {
      input: regular.map((file) => `${file.absolute}\n`).join(''),
    })
  ).split('\n')
  const byPath = new Map(regular.map((file, i) => [file.absolute, ids[i]!]))
  const result: string[] = []
  for (const file of files)
    result.push(file.link ? await writeBlob(repo, await readlink(file.absolute)) : byPath.get(file.absolute)!)
  return result
}

/**
 * Writes a tree built in the index file `indexFile` (removed before and after; the repository's own
 * index is never read): `base.tree` when given, less its `base.remove` directory, with `entries` added.
 */
export async function writeTreeOf(
  repo: GitRepo,
  indexFile: string,
  entries: readonly IndexEntry[],
  base?: { tree: string; remove?: string },
): Promise<string> {
  await rm(indexFile, { force: true })
  const indexed = repo.withEnv({ GIT_INDEX_FILE: indexFile })
  try {
    if (base) {
      await indexed.exec(['read-tree', '--end-of-options', base.tree])
      if (base.remove !== undefined)
        await indexed.exec(['rm', '--cached', '-r', '-q', '--ignore-unmatch', '--', base.remove])
    }
    await indexed.exec(['update-index', '--add', '-z', '--index-info'], {
      input: entries.map((entry) => `${entry.mode} ${entry.blob}\t${entry.path}\0`).join(''),
    })
    return await indexed.read(['write-tree'])
  } finally {
    await rm(indexFile, { force: true })
  }
}

/** The tree of a commit. */
export function treeOf(repo: GitRepo, commit: string): Promise<string> {
  return repo.read(['rev-parse', '--verify', '--end-of-options', `${commit}^{tree}`])
}

/** The paths of every file (and link and submodule) in the tree of `revision`. */
export async function treePaths(repo: GitRepo, revision: string): Promise<string[]> {
  const listing = await repo.read(['ls-tree', '-r', '-z', '--name-only', '--end-of-options', revision])
  return listing.split('\0').filter(Boolean)
}

/**
 * Writes the files under `dir` as a git tree, hashed without git's filters (an upstream `.gitattributes`
 * cannot change what is stored), symbolic links as links, in the index file `indexFile`. With `base`, the
 * tree starts from that tree with `replace` (a top-level directory) removed: the files under `dir` then
 * stand in for it. A name git cannot store (a newline, `.git`) is refused, naming `what` holds it.
 */
export async function writeDirectoryTree(
  repo: GitRepo,
  dir: string,
  indexFile: string,
  what: string,
  base?: { tree: string; replace: string },
): Promise<string> {
  const entries = await walk(dir, '', what)
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

/** Regular files and symbolic links below `root`, sorted, with the mode git gives them. */
async function walk(
  root: string,
  prefix: string,
  what: string,
): Promise<{ mode: string; path: string; absolute: string }[]> {
  const found: { mode: string; path: string; absolute: string }[] = []
  for (const name of (await readdir(join(root, prefix))).sort()) {
    const path = prefix ? `${prefix}/${name}` : name
    if (/[\n\0]/.test(path) || name === '.git')
      throw new Error(`${what} holds a name git cannot store: ${JSON.stringify(path)}`)
    const absolute = join(root, path)
    const info = await lstat(absolute)
    if (info.isDirectory()) found.push(...(await walk(root, path, what)))
    else if (info.isSymbolicLink()) found.push({ mode: '120000', path, absolute })
    else if (info.isFile()) found.push({ mode: info.mode & 0o111 ? '100755' : '100644', path, absolute })
  }
  return found
}
