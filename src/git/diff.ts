import type { GitRepo } from './repo.js'

/** Plain diffs, the same on every machine: no renames, colour, external diff tool or custom prefixes. */
const diffOptions = ['--no-renames', '--no-color', '--no-ext-diff', '--src-prefix=a/', '--dst-prefix=b/']

/** The files within `paths` that base..head changes as binary (what a text patch cannot carry). */
export async function binaryChanges(
  repo: GitRepo,
  base: string,
  head: string,
  paths: readonly string[],
): Promise<string[]> {
  return (await repo.read(['diff', '--numstat', '--no-renames', base, head, '--', ...paths]))
    .split('\n')
    .filter((line) => line.startsWith('-\t-\t'))
    .map((line) => line.slice(4))
}

/** The diff base..head within `paths` (`-p1`). */
export function diffText(
  repo: GitRepo,
  base: string,
  head: string,
  paths: readonly string[],
): Promise<string> {
  return repo.read(['diff', ...diffOptions, base, head, '--', ...paths])
}

/** What base..head does to each file within `paths`: `A` (added), `D`, `M`, `T`, by path, in git's order. */
export async function changedFiles(
  repo: GitRepo,
  base: string,
  head: string,
  paths: readonly string[],
): Promise<{ status: string; path: string }[]> {
  const fields = (
    await repo.read(['diff', '--name-status', '--no-renames', '-z', base, head, '--', ...paths])
  )
    .split('\0')
    .filter(Boolean)
  const changes: { status: string; path: string }[] = []
  for (let i = 0; i + 1 < fields.length; i += 2) changes.push({ status: fields[i]!, path: fields[i + 1]! })
  return changes
}

/**
 * One commit's change within `paths` as a deterministic mail: no signature (the git version), no sha in
 * the From line, the subject kept as it is.
 */
export function commitMail(repo: GitRepo, commit: string, paths: readonly string[]): Promise<string> {
  return repo.read([
    'format-patch',
    '--stdout',
    '--keep-subject',
    '--no-signature',
    '--zero-commit',
    '--no-thread',
    '--no-cover-letter',
    ...diffOptions,
    '-1',
    commit,
    '--',
    ...paths,
  ])
}
