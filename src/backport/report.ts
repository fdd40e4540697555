import type { VersionPort } from './verdicts.js'

/** What a backport run (or a check of a pinned fork) found and did, for the summary. */
export interface BackportReport {
  /** The newest version handled before this run: recorded on the fork, or backport-from. */
  start: string
  /** The upstream tag the fork is on (its builds start from it). */
  base?: string
  /** Each version looked at, oldest first, with a verdict per patch (a check lists the patches only). */
  versions: VersionPort[]
  /** Versions a check found, with what they would bring. */
  pending: { version: string; tag: string }[]
}
