import type { GitRepo } from '../git/repo.js'
import { upstreamRef } from '../git/workspace.js'
import type { ReleaseTag } from '../pipeline/discover.js'

/**
 * The date of a new changelog entry (Debian or RPM): the latest of the upstream release it packages (the
 * tag's date, and its commit's), the newest commit carried on top of it, and the entry below (`previous`).
 * The same inputs always give the same date, and it is never earlier than any of them: a fork whose
 * downstream commits are years old gets an entry dated at the new release, not before it.
 */
export async function changelogEntryDate(
  repo: GitRepo,
  upstreamTag: ReleaseTag,
  head: string,
  previous?: Date,
): Promise<Date> {
  const seconds = [
    // an annotated tag's own date; a lightweight tag's commit date (no line when the run has no such ref)
    await repo.read([
      'for-each-ref',
      '--format=%(creatordate:unix)',
      upstreamRef(`refs/tags/${upstreamTag.name}`),
    ]),
    await repo.read(['show', '-s', '--format=%ct', upstreamTag.commit]),
    await repo.read(['log', '--format=%ct', `${upstreamTag.commit}..${head}`]),
  ]
    .join('\n')
    .split('\n')
    .filter((line) => /^\d+$/.test(line))
    .map(Number)
  const latest = new Date(Math.max(...seconds) * 1000)
  return previous && previous > latest ? previous : latest
}
