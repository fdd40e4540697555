import { identityEnv, type GitRepo, type Identity } from '../../git/repo.js'

/**
 * The head to push to a pull request branch. GitHub refuses a pull request without commits, so when
 * nothing applied on top of the tag the branch gets one empty commit saying so. It is made with fixed
 * dates (the tag's), so re-runs produce the same sha; a later rebase drops it as empty.
 */
export async function pullRequestHead(
  repo: GitRepo,
  head: string,
  tag: { name: string; commit: string },
  committer: Identity,
): Promise<string> {
  if (head !== tag.commit) return head
  const date = await repo.read(['show', '-s', '--format=%cI', tag.commit])
  const message =
    `patch-carrier: pull request for ${tag.name}\n\n` +
    'Nothing of the downstream history applies on top of the tag yet. This empty commit only lets the\n' +
    'pull request exist: push the resolved history on top of it.\n'
  return repo.read(['commit-tree', `${tag.commit}^{tree}`, '-p', tag.commit, '-F', '-'], {
    env: identityEnv(committer, date),
    input: message,
  })
}
