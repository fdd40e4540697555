import type { GitRepo } from './repo.js'

/** The message of a commit. */
export function commitMessage(repo: GitRepo, commit: string): Promise<string> {
  return repo.read(['log', '-1', '--format=%B', '--end-of-options', commit])
}

/** The messages of the commits of `base..head`, oldest first. */
export async function messagesBetween(repo: GitRepo, base: string, head: string): Promise<string[]> {
  const log = await repo.read(['log', '--reverse', '--format=%B%x00', '--end-of-options', `${base}..${head}`])
  return log.split('\0')
}
