/**
 * A hidden HTML comment in a pull request body that marks it as patch-carrier's conflict PR and records
 * for which upstream tag and fork branch it was opened. Values are percent-encoded: a ref name may
 * legally contain `-->`, which must never end the comment early.
 */

export interface ConflictMarker {
  upstreamTag: string
  branch: string
}

const PREFIX = '<!-- patch-carrier:conflict'
const PATTERN = /<!-- patch-carrier:conflict upstream-tag=(\S*) branch=(\S*) -->/

export function renderConflictMarker(marker: ConflictMarker): string {
  return `${PREFIX} upstream-tag=${encodeURIComponent(marker.upstreamTag)} branch=${encodeURIComponent(marker.branch)} -->`
}

/** The marker in a pull request body, or undefined when the body carries none (or a malformed one). */
export function parseConflictMarker(body: string | null | undefined): ConflictMarker | undefined {
  const match = PATTERN.exec(body ?? '')
  if (!match) return undefined
  try {
    return { upstreamTag: decodeURIComponent(match[1] ?? ''), branch: decodeURIComponent(match[2] ?? '') }
  } catch {
    return undefined // a person edited it into something that is not percent-encoding
  }
}
