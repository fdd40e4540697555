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
