/** A commit as people see it: sha and subject. */
export interface CommitInfo {
  sha: string
  subject: string
}

/** One file left in conflict, with the conflicting regions (conflict markers and context). */
export interface ConflictFile {
  path: string
  hunks: string
}

/** What a failed rebase step was: a downstream commit, or a quilt patch that no longer applies. */
export type FailedStep =
  { kind: 'commit'; commit: CommitInfo } | { kind: 'patch'; name: string; output: string }

/** The rebase of the downstream commits onto a new upstream commit: a value, never an exception. */
export type RebaseResult =
  | {
      kind: 'clean'
      /** The new head (the upstream commit itself when nothing was carried). */
      head: string
      carried: CommitInfo[]
      /** Downstream commits or patches whose change upstream already contains. */
      dropped: CommitInfo[]
    }
  | {
      kind: 'conflict'
      failed: FailedStep
      files: ConflictFile[]
      /** The head with every step before the failed one applied. */
      head: string
      carried: CommitInfo[]
      dropped: CommitInfo[]
      /** Commits after the failed one, still to apply. */
      remaining: CommitInfo[]
    }

/** Resolves a file that git could not merge, from the three sides (undefined = absent on that side). */
export interface MergeResolver {
  /** Which paths this resolver merges (e.g. debian/changelog). */
  matches(path: string): boolean
  resolve(
    base: string | undefined,
    ours: string | undefined,
    theirs: string | undefined,
  ): Promise<{ text: string; conflict: boolean }>
}
