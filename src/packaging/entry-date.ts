import { commitTimes } from '../git/commit-times.js'
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
  // an annotated tag's own date; a lightweight tag's commit date (none when the run has no such ref)
  const ref = upstreamRef(`refs/tags/${upstreamTag.name}`)
  const seconds = await commitTimes(repo, ref, upstreamTag.commit, head)
  const latest = new Date(Math.max(...seconds) * 1000)
  return previous && previous > latest ? previous : latest
}
