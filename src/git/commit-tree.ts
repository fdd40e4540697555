import { identityEnv, type GitRepo, type Identity } from './repo.js'

/** The date of a commit (committer date, strict ISO 8601). */
export function commitDate(repo: GitRepo, commit: string): Promise<string> {
  return repo.read(['show', '-s', '--format=%cI', commit])
}

/**
 * Makes a commit of `tree` on `parents` without touching any ref, index or work tree; the identity and
 * date go through the environment of this one command. Returns its sha.
 */
export function commitTree(
  repo: GitRepo,
  commit: { tree: string; parents: readonly string[]; message: string; identity: Identity; date?: string },
): Promise<string> {
  const parents = commit.parents.flatMap((parent) => ['-p', parent])
  return repo.read(['commit-tree', commit.tree, ...parents, '-F', '-'], {
    env: identityEnv(commit.identity, commit.date),
    input: commit.message,
  })
}
