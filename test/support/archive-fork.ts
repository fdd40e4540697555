import { join } from 'node:path'
import { run } from '../../src/process/run.js'
import { git, writeFiles } from './git.js'
import { tempDir } from './tmp.js'
import { forkOf, type Fork } from './debian-fixtures.js'

/**
 * A fork made "by hand" from a source package, as many are: the tree `dpkg-source -x --skip-patches`
 * unpacks, committed and tagged `base` (its downstream-base), on a bare repository served over file://.
 */
export async function makeForkFromDsc(dsc: string, branch = 'main'): Promise<Fork & { base: string }> {
  return makeFork(branch, (work) =>
    run('dpkg-source', ['--skip-patches', '-x', dsc, work], { env: { LC_ALL: 'C' } }),
  )
}

/** The same, from files written by hand (a packaging tree without its upstream sources). */
export function makeForkFromTree(
  files: Record<string, string>,
  branch = 'main',
): Promise<Fork & { base: string }> {
  return makeFork(branch, (work) => writeFiles(work, files))
}

async function makeFork(
  branch: string,
  fill: (work: string) => Promise<unknown>,
): Promise<Fork & { base: string }> {
  const root = await tempDir('pc-archive-fork-')
  const work = join(root, 'work')
  const bare = join(root, 'fork.git')
  await fill(work)
  await git(root, 'init', '-q', '-b', branch, work)
  await git(work, 'add', '-A', '-f')
  await git(work, 'commit', '-q', '-m', 'The packaging as the archive has it')
  await git(work, 'tag', 'base')
  await git(root, 'init', '-q', '--bare', '-b', branch, bare)
  await git(bare, 'config', 'uploadpack.allowFilter', 'true')
  await git(work, 'push', '-q', bare, `HEAD:refs/heads/${branch}`, 'refs/tags/base:refs/tags/base')
  const base = await git(work, 'rev-parse', 'HEAD')
  return { ...forkOf(bare, work, branch), base }
}

/** The tree id git would store for a directory (all files, no filters): what an import must hold. */
export async function treeOfDirectory(dir: string): Promise<string> {
  const scratch = await tempDir('pc-tree-')
  await git(scratch, 'init', '-q')
  await git(scratch, '--work-tree', dir, 'add', '-A', '-f')
  return git(scratch, 'write-tree')
}
