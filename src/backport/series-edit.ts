import { parseSeries, type SeriesEntry } from '../packaging/debian/series.js'

/**
 * The fork entry a new patch goes after: the nearest patch before it in the source version's series that
 * the fork also has (so it lands where it stood upstream); undefined means at the end.
 */
export function followedPatch(
  fork: readonly SeriesEntry[],
  source: readonly SeriesEntry[],
  name: string,
): string | undefined {
  const forkNames = new Set(fork.map((entry) => entry.name))
  const index = source.findIndex((entry) => entry.name === name)
  for (let i = index - 1; i >= 0; i--) {
    const before = source[i]!.name
    if (forkNames.has(before)) return before
  }
  return undefined
}

/** The series text with `line` inserted after the line of patch `after`, or appended when undefined. */
export function insertSeriesLine(series: string, line: string, after: string | undefined): string {
  const lines = series === '' ? [] : series.replace(/\n$/, '').split('\n')
  const at = after === undefined ? -1 : lines.findIndex((text) => parseSeries(text)[0]?.name === after)
  if (at < 0) lines.push(line)
  else lines.splice(at + 1, 0, line)
  return `${lines.join('\n')}\n`
}

/** The series text with the line of patch `name` written as `line` (a rewritten patch loses its -p option). */
export function replaceSeriesLine(series: string, name: string, line: string): string {
  return series
    .split('\n')
    .map((text) => (parseSeries(text)[0]?.name === name ? line : text))
    .join('\n')
}

/** Where a patch goes among the fork's entries: after `after` (at the end when undefined). */
export function positionAfter(entries: readonly SeriesEntry[], after: string | undefined): number {
  const index = after === undefined ? -1 : entries.findIndex((entry) => entry.name === after)
  return index < 0 ? entries.length : index + 1
}
