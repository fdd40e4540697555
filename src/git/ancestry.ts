import type { GitRepo } from './repo.js'

/** Whether `ancestor` is `descendant` or in its history (false too when either is unknown here). */
export async function isAncestor(repo: GitRepo, ancestor: string, descendant: string): Promise<boolean> {
  const result = await repo.exec(['merge-base', '--is-ancestor', ancestor, descendant], {
    okCodes: [0, 1, 128],
  })
  return result.code === 0
}
