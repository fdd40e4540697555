import type { CommitInfo, ConflictFile, FailedStep } from '../git/rebase-types.js'
import type { BackportReport } from '../backport/report.js'
import type { Logger } from './deps.js'

export type RunResultKind =
  | 'up-to-date'
  | 'updated'
  | 'published'
  | 'published-not-pushed'
  | 'conflict'
  | 'planned'
  | 'built'
  | 'update-available'

/** What a run did to a pull request, as create-pull-request reports it. */
export type PullRequestOperation = 'created' | 'updated' | 'closed' | 'none'

export interface BuiltFile {
  path: string
  size: number
  sha256: string
}

/** Everything a run did or would do: the source of outputs, the job summary and the exit status. */
export interface RunReport {
  result: RunResultKind
  mode: 'sync' | 'build' | 'check' | 'backport'
  branch?: string
  upstreamTag?: string
  /** Object id of the upstream tag (tag object for annotated tags): provenance. */
  upstreamTagObject?: string
  /** The key that signed the upstream tag (upstream-signing-key): provenance. */
  upstreamSignature?: string
  previousTag?: string
  /** Where a version taken from a Debian archive came from: archive, suite, InRelease, files. */
  archive?: ArchiveProvenance
  /** A pinned fork's backports (mode backport, or check with backport-from). */
  backport?: BackportReport
  version?: string
  commit?: string
  files: BuiltFile[]
  /** Paths of the files committed to OBS, when not all of `files`. */
  publishFiles?: string[]
  carried: CommitInfo[]
  dropped: CommitInfo[]
  conflict?: { failed: FailedStep; files: ConflictFile[]; remaining: CommitInfo[] }
  /** Refs pushed to the fork (or, in a dry run, that would be). */
  pushed: { ref: string; sha: string }[]
  obsRevision?: string
  /** Published to OBS, then the fork was not updated: what OBS holds, why, and what to do. */
  notPushed?: string
  /** One line per OBS repository/architecture (obs-wait). */
  obsBuilds?: string[]
  pullRequest?: { number: number; url: string }
  /** What this run did to a pull request (output `pull-request-operation`); none when unset. */
  pullRequestOperation?: PullRequestOperation
  /** Steps a dry run would have taken. */
  plan: string[]
  notes: string[]
  /** Stage name → milliseconds. */
  timings: Record<string, number>
}

export interface ArchiveProvenance {
  url: string
  suite: string
  /** The InRelease `Date:` the files were verified against. */
  date: string
  /** The key that signed that InRelease. */
  fingerprint: string
  /** Every file taken from the archive. */
  files: { name: string; sha256: string }[]
  /** True when this run imported the version into the fork. */
  imported: boolean
}

export function emptyReport(mode: RunReport['mode']): RunReport {
  return {
    result: 'up-to-date',
    mode,
    files: [],
    carried: [],
    dropped: [],
    pushed: [],
    plan: [],
    notes: [],
    timings: {},
  }
}

/** Runs a stage inside a log group and records how long it took in `report.timings`. */
export function stageTimer(report: RunReport, log: Logger) {
  return async <T>(stage: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now()
    try {
      return await log.group(stage, work)
    } finally {
      report.timings[stage] = Date.now() - started
    }
  }
}
