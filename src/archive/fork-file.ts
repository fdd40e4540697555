import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { GitRepo } from '../git/repo.js'

/**
 * Reads one file of the fork at a ref or commit with a depth-1 fetch into a private repository. Only a
 * first archive run needs it (the package name, the version downstream-base is on); later runs read the
 * fork's refs alone.
 */
export async function readForkFile(
  workDir: string,
  url: string,
  revision: string,
  path: string,
  env: Record<string, string>,
): Promise<string | undefined> {
  const dir = join(workDir, 'probe-files.git')
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  const repo = new GitRepo(dir, undefined, env)
  await repo.exec(['init', '--bare', '--quiet'])
  await repo.exec(['fetch', '--quiet', '--no-tags', '--depth=1', '--end-of-options', url, revision])
  return repo.readFile('FETCH_HEAD', path)
}
