import type { RemoteRefs } from '../git/remote.js'
import { dep14Decode, dep14Encode } from '../versions/dep14.js'
import { compareVersions, type ResolvedOrder } from '../versions/tags.js'

/**
 * What the fork has taken from the watched source: one tag per source version, pointing at the commit
 * that ported it (or at the branch head when there was nothing to port, or its pull request was closed).
 * Read with the same ls-remote as the branch, so a run with nothing new reads no history.
 */
const RECORD = 'refs/tags/patch-carrier/backported/'

export const recordRef = (version: string): string => `${RECORD}${dep14Encode(version)}`

/** The branch that holds a version's port while a person finishes it (the pull request's head). */
export const backportBranch = (version: string): string => `patch-carrier/backport/${dep14Encode(version)}`

/** Versions the fork has recorded, newest first. */
export function recordedVersions(fork: RemoteRefs, order: ResolvedOrder): string[] {
  const versions: string[] = []
  for (const ref of fork.refs.keys()) {
    if (ref.startsWith(RECORD) && !ref.endsWith('^{}')) versions.push(dep14Decode(ref.slice(RECORD.length)))
  }
  return versions.sort((a, b) => compareVersions(b, a, order))
}

/** The head of each version's backport branch on the fork. */
export function backportBranches(fork: RemoteRefs, versions: readonly string[]): Map<string, string> {
  const heads = new Map<string, string>()
  for (const version of versions) {
    const sha = fork.refs.get(`refs/heads/${backportBranch(version)}`)
    if (sha) heads.set(version, sha)
  }
  return heads
}
