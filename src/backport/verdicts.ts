import type { FailedHunk } from '../packaging/debian/patch-output.js'
import type { RefreshReason } from './try-patch.js'

/** A quilt patch that a new version of the watched source added or changed. */
export interface SourcePatch {
  /** Path below debian/patches/. */
  name: string
  /** Its series line as the source wrote it (name and options). */
  line: string
  /** Its `-p` strip level. */
  level: number
  text: string
  change: 'added' | 'changed'
  /** CVE ids from its DEP-3 header and from the changelog lines that name it. */
  cves: string[]
}

/** What became of one patch on the fork. */
export type Verdict =
  /** The fork has it already: this name, or the same change under `as`. */
  | { kind: 'skipped'; as: string }
  /** Its reverse applies: the fork's upstream has the fix. */
  | { kind: 'absorbed' }
  /** Applied at fuzz 0: added as it is, after `after` (at the end when undefined). */
  | { kind: 'added'; after?: string; replaces: boolean }
  /** Applied only with offsets or fuzz (or another -p): its hunks rewritten for the fork. */
  | { kind: 'refreshed'; how: RefreshReason; after?: string; replaces: boolean }
  /** Does not apply: a person has to port it. */
  | {
      kind: 'conflict'
      output: string
      files: string[]
      hunks: FailedHunk[]
      /** The rejected hunks, as GNU patch wrote them with fuzz 2. */
      rejects: string
      reason?: string
    }

export interface PatchVerdict {
  patch: SourcePatch
  verdict: Verdict
}

/** Everything one source version brings, and what happened to it. */
export interface VersionPort {
  version: string
  tag: string
  /** The version it was compared with. */
  previous: { version: string; tag: string }
  verdicts: PatchVerdict[]
  /** CVE ids of the whole version: its patches' and its changelog entries'. */
  cves: string[]
}

/** One line of a verdict for people (summary, commit message, pull request). */
export function describeVerdict({ patch, verdict }: PatchVerdict): string {
  const cves = patch.cves.length > 0 ? ` (${patch.cves.join(', ')})` : ''
  const place = (after: string | undefined): string => (after ? `after ${after}` : 'at the end of the series')
  switch (verdict.kind) {
    case 'skipped':
      return `${patch.name}${cves}: skipped, ${verdict.as === patch.name ? 'the fork already has it' : `the fork already carries it as ${verdict.as}`}`
    case 'absorbed':
      return `${patch.name}${cves}: skipped, absorbed: it applies in reverse, the fork's upstream has the fix`
    case 'added':
      return `${patch.name}${cves}: added as it is${verdict.replaces ? ', replacing the earlier version' : `, ${place(verdict.after)}`}`
    case 'refreshed':
      return `${patch.name}${cves}: refreshed (${verdict.how === 'level' ? 'rewritten for -p1' : `it needed ${verdict.how}`})${verdict.replaces ? ', replacing the earlier version' : `, ${place(verdict.after)}`}`
    case 'conflict':
      return `${patch.name}${cves}: does not apply${verdict.reason ? ` (${verdict.reason})` : ''}`
  }
}
