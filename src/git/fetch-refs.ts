import type { GitRepo } from './repo.js'

/**
 * Fetches `refspecs` from `url` into the repository: quietly, without tags, the URL and refspecs after
 * `--end-of-options`. `tip`: the commits alone (no history) with one level of trees and no blobs, for a
 * probe that only looks at what a ref points to. `shallow`: the commits alone, with their whole trees.
 */
export async function fetchRefs(
  repo: GitRepo,
  url: string,
  refspecs: readonly string[],
  options: { tip?: boolean; shallow?: boolean } = {},
): Promise<void> {
  const shape = options.tip ? ['--depth=1', '--filter=tree:1'] : options.shallow ? ['--depth=1'] : []
  await repo.exec(['fetch', '--quiet', '--no-tags', ...shape, '--end-of-options', url, ...refspecs])
}

/**
 * Fails unless `sha` (a ref's value read by ls-remote before the fetch) is in the repository: the ref moved
 * while it was being fetched. `subject` names it in the message (`Branch 'main'`).
 */
export async function requireFetched(repo: GitRepo, sha: string, subject: string): Promise<void> {
  if ((await repo.resolve(`${sha}^{commit}`)) === undefined)
    throw new Error(`${subject} moved on the fork while it was being fetched: nothing was changed; run again`)
}
