import { readlink, rm } from 'node:fs/promises'
import type { GitRepo } from './repo.js'

/** One entry to put in a tree: its mode (`100644`, `100755`, `120000`), blob id and path. */
export interface IndexEntry {
  mode: string
  blob: string
  path: string
}

/** A file on disk to store as a blob: a symbolic link is stored as its target's text. */
export interface DiskFile {
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
