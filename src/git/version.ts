import { requireTools } from '../process/run.js'
import { runGit } from './command.js'

/**
 * The oldest git the action works with: 2.31 reads config from GIT_CONFIG_COUNT/KEY/VALUE (the auth header
 * and the work repository's remotes, never written to a file) and has `rev-parse --path-format`; 2.24
 * brought `--end-of-options`. Documented in the README ("Tools on the runner").
 */
export const MIN_GIT_VERSION = [2, 31, 0] as const

/** The version in `git version` output (`git version 2.39.5`, `git version 2.39.3 (Apple Git-146)`). */
export function parseGitVersion(output: string): number[] | undefined {
  const match = /^git version (\d+)\.(\d+)(?:\.(\d+))?/.exec(output.trim())
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : undefined
}

/** Fails with the found and the needed version when `output` (of `git version`) is older than the minimum. */
export function checkGitVersion(output: string): void {
  const found = parseGitVersion(output)
  const needed = MIN_GIT_VERSION.join('.')
  if (!found)
    throw new Error(
      `could not read git's version from '${output.trim()}': patch-carrier needs git ${needed} or newer`,
    )
  const order = found.map((part, i) => part - MIN_GIT_VERSION[i]!).find((difference) => difference !== 0) ?? 0
  if (order < 0) {
    throw new Error(
      `git ${found.join('.')} is too old: patch-carrier needs git ${needed} or newer (install a newer git)`,
    )
  }
}

let checked: Promise<void> | undefined

/** git is installed (else a MissingToolError naming the package) and new enough; asked once per process. */
export function requireGit(): Promise<void> {
  checked ??= (async () => {
    await requireTools(['git'])
    checkGitVersion((await runGit(['version'], { cwd: process.cwd() })).stdout)
  })()
  checked.catch(() => (checked = undefined))
  return checked
}
