import type { GitRepo } from '../git/repo.js'
import type { CommitInfo, ConflictFile, FailedStep, MergeResolver } from '../git/rebase-types.js'
import type { Settings } from '../settings.js'
import type { ReleaseTag } from '../pipeline/discover.js'

/** After a rebase: the patches still apply (perhaps with absorbed ones dropped), or one conflicts. */
export type PatchCheck =
  | { kind: 'ok'; head: string; dropped: CommitInfo[] }
  | { kind: 'conflict'; head: string; failed: FailedStep; files: ConflictFile[] }

/** Everything a build needs to know, handed over by the pipeline. */
export interface BuildRequest {
  repo: GitRepo
  /** The commit to package. */
  head: string
  /** The upstream tag the head is based on. */
  upstreamTag: ReleaseTag
  /** Carried and dropped downstream changes, for the changelog. */
  carried: readonly CommitInfo[]
  dropped: readonly CommitInfo[]
  /** Decides the package version from a base version: applies version-suffix and its counter. */
  versionFor: (baseVersion: string) => string
  /** Local ref names of upstream data in `repo`, when upstream has them. */
  upstreamData: { pristineTar?: string; upstreamTree?: string }
  settings: Settings
  /** An empty directory for this build's scratch files. */
  scratchDir: string
  /** Where orig tarballs of earlier runs are kept (the cache), when there is one. */
  origCacheDir?: string
}

export interface BuildResult {
  version: string
  /** Absolute paths of the source package files, in output-dir. */
  files: string[]
  /** The files OBS builds from, when not all of `files` (an RPM build leaves out the .src.rpm). */
  publish?: string[]
  /** How the orig tarballs were made, for the summary. */
  notes: string[]
}

/** One packaging format (Debian, RPM): how its files merge, how its patches are checked, how it builds. */
export interface Packager {
  kind: 'debian' | 'rpm' | 'none'
  /** Programs it runs, checked before any work so a missing one fails fast with its Debian package. */
  tools: readonly string[]
  /** Resolvers for files that must never conflict just because both sides appended. */
  resolvers: readonly MergeResolver[]
  /** Checks the rebased tree's patches; drops those upstream absorbed (as a new commit). */
  checkPatches(repo: GitRepo, head: string, settings: Settings): Promise<PatchCheck>
  build(request: BuildRequest): Promise<BuildResult>
}
