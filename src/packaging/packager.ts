import type { GitRepo } from '../git/repo.js'
import type { CommitInfo, ConflictFile, FailedStep, MergeResolver } from '../git/rebase-types.js'
import type { Settings } from '../action/settings.js'
import type { ReleaseTag } from '../pipeline/discover.js'
import type { CachedOrig } from '../cache/orig.js'

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
  /** The new changelog entry's items, when the caller knows better than carried/dropped (backports). */
  changes?: string[]
  /** Decides the package version from a base version: applies version-suffix and its counter. */
  versionFor: (baseVersion: string) => string
  /** Local ref names of upstream data in `repo`, when upstream has them. */
  upstreamData: { pristineTar?: string; upstreamTree?: string }
  settings: Settings
  /** An empty directory for this build's scratch files. */
  scratchDir: string
  /** Where orig tarballs of earlier runs are kept (the cache), when there is one. */
  origCacheDir?: string
  /** What `startEarly` began while the rebase ran, if anything. */
  early?: Promise<EarlyWork | undefined>
}

/** What a build can start before the rebase ends, because it depends on the upstream tag alone. */
export interface EarlyRequest {
  repo: GitRepo
  /** A commit whose packaging names the package: the branch head before the rebase. */
  hint: string
  upstreamTag: ReleaseTag
  upstreamData: BuildRequest['upstreamData']
  settings: Settings
  /** The build's scratch directory (the build writes its tree into a subdirectory of it). */
  scratchDir: string
  origCacheDir?: string
  /** Where the early work says why it failed (the build then makes the tarballs itself). */
  log(message: string): void
}

/** Upstream tarballs made ahead of the build, for the package and version named by `key`. */
export interface EarlyWork {
  /** `<source>_<upstream version>`: the build uses the tarballs only when its own key is the same. */
  key: string
  orig: CachedOrig
  seconds: number
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
  /**
   * Checks the rebased tree's patches; drops those upstream absorbed (as a new commit). With `upstream`
   * (the upstream commit the head is on), absorbed is proven against upstream's own patches only.
   */
  checkPatches(repo: GitRepo, head: string, settings: Settings, upstream?: string): Promise<PatchCheck>
  /**
   * Starts the upstream tarballs while the rebase runs. The promise never rejects: on any failure it logs
   * why and gives undefined, and the build makes the tarballs itself (and reports the error then).
   */
  startEarly?(request: EarlyRequest): Promise<EarlyWork | undefined>
  build(request: BuildRequest): Promise<BuildResult>
}
