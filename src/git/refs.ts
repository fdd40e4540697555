import type { GitRepo } from './repo.js'

/** Points the local ref `ref` (a full `refs/…` name) at `sha`, creating it when missing. */
export async function setRef(repo: GitRepo, ref: string, sha: string): Promise<void> {
  await repo.exec(['update-ref', ref, sha])
}
