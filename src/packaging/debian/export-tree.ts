import { mkdir, readdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { GitRepo } from '../../git/repo.js'
import { checkoutFiles } from '../../git/scratch-index.js'

/**
 * Writes the tree of `commit` into `destDir` (created when absent; it must be empty), exactly as git
 * stores it (symlinks and executable bits kept; export-ignore attributes do not apply). Works on bare
 * repositories and leaves the repository's index and work tree alone: the tree goes through a
 * temporary index file.
 */
export async function exportTree(repo: GitRepo, commit: string, destDir: string): Promise<void> {
  const dest = resolve(destDir)
  await mkdir(dest, { recursive: true })
  if ((await readdir(dest)).length > 0)
    throw new Error(`cannot export ${commit} into ${dest}: the directory is not empty`)
  const tree = await repo.resolve(`${commit}^{tree}`)
  if (!tree) throw new Error(`cannot export ${commit}: no such commit or tree in ${repo.gitDir}`)
  await checkoutFiles(repo, tree, dest)
}

/**
 * Writes only `paths` (files of `commit`'s tree) into `destDir`, as `exportTree` writes them; other
 * files already in `destDir` stay. Paths the tree lacks are an error.
 */
export async function exportPaths(
  repo: GitRepo,
  commit: string,
  destDir: string,
  paths: readonly string[],
): Promise<void> {
  if (paths.length === 0) return
  const dest = resolve(destDir)
  await mkdir(dest, { recursive: true })
  await checkoutFiles(repo, `${commit}^{tree}`, dest, paths)
}
