import type { CommitInfo, ConflictFile, FailedStep } from '../../git/rebase-types.js'
import type { CarrierEntry } from './survey.js'

/** Why a pull request's branches go away, which decides the closing comment. */
export type RetireReason =
  /** Its resolution (a person's push, or the merge) became the branch. */
  | 'adopted'
  /** The branch's own commits now apply cleanly to the tag. */
  | 'resolved'
  /** A newer upstream tag took over; the resolution here was rebased onto it cleanly. */
  | 'carried'
  /** A newer upstream tag took over. */
  | 'superseded'
  /** The branch already contains the tag. */
  | 'settled'

export interface Retirement {
  entry: CarrierEntry
  reason: RetireReason
  /** What the action itself would push to the entry's pull request branch (not a person's work). */
  expected?: string
}

export interface ConflictDetails {
  failed: FailedStep
  files: ConflictFile[]
  remaining: CommitInfo[]
}

/** What the sync stage does after looking at upstream, the branch and any pull request. */
export type SyncStep =
  /** Build this head and move the branch to it; then retire the listed pull requests. */
  | {
      kind: 'head'
      head: string
      carried: CommitInfo[]
      dropped: CommitInfo[]
      retire: Retirement[]
      /** How the head came about, for the summary. */
      note?: string
    }
  /** The rebase stopped: open or update the conflict pull request for the target tag. */
  | {
      kind: 'conflict'
      /** Everything that applied. */
      head: string
      carried: CommitInfo[]
      dropped: CommitInfo[]
      conflict: ConflictDetails
      retire: Retirement[]
    }
  /** A clean rebase waiting for review (`review: always`). */
  | { kind: 'review'; head: string; carried: CommitInfo[]; dropped: CommitInfo[]; retire: Retirement[] }
  /** A person's work is in the way or incomplete: change no ref, tell them (once). */
  | {
      kind: 'hold'
      entry: CarrierEntry
      /** The person's head the message is about (comment once per sha). */
      sha?: string
      message: string
      conflict?: ConflictDetails
      pendingKind: 'conflict' | 'review'
    }
  /** The branch already contains the target tag: retire what is left of earlier pull requests. */
  | { kind: 'settle'; retire: Retirement[] }
