import { join } from 'node:path'
import { fetchRefs } from '../git/fetch-refs.js'
import { initBareRepo } from '../git/workspace.js'

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
  const repo = await initBareRepo(join(workDir, 'probe-files.git'), env)
  await fetchRefs(repo, url, [revision], { shallow: true })
  return repo.readFile('FETCH_HEAD', path)
}
