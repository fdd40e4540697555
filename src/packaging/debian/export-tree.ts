import { mkdir, readdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { GitRepo } from '../../git/repo.js'
import { withTempDir } from './temp.js'

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
  await checkout(repo, tree, dest, ['--all'])
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
  await checkout(repo, `${commit}^{tree}`, dest, ['-z', '--stdin'], paths.map((path) => `${path}\0`).join(''))
}

/** `git checkout-index` of a tree into `dest` through a temporary index file. */
async function checkout(
  repo: GitRepo,
  tree: string,
  dest: string,
  which: readonly string[],
  input?: string,
): Promise<void> {
  await withTempDir('export', async (dir) => {
    const env = { GIT_INDEX_FILE: join(dir, 'index') }
    await repo.exec(['read-tree', tree], { env })
    // A later --work-tree wins over the handle's own: the files land in dest, not in the repository's work tree.
    await repo.exec(['--work-tree', dest, 'checkout-index', '--force', ...which], { env, cwd: dest, input })
  })
}
