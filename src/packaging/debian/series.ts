/** One patch line of a quilt series file. */
export interface SeriesEntry {
  /** Path below debian/patches/. */
  name: string
  /** Options after the name, e.g. `['-p0']`. */
  options: string[]
  /** 1-based line number. */
  line: number
}

interface SeriesLine {
  text: string
  entry?: SeriesEntry
}

/** The patch lines of a series file: `# comments` (whole-line or trailing) and blank lines skipped. */
export function parseSeries(text: string): SeriesEntry[] {
  return parseLines(text).flatMap((line) => (line.entry ? [line.entry] : []))
}

/** The `-pN` strip level of a series entry (quilt's default: 1). */
export function patchLevel(entry: SeriesEntry): number {
  for (let i = 0; i < entry.options.length; i++) {
    const option = entry.options[i] ?? ''
    const joined = /^-p(\d+)$/.exec(option)
    if (joined) return Number(joined[1])
    if (option === '-p' && /^\d+$/.test(entry.options[i + 1] ?? '')) return Number(entry.options[i + 1])
  }
  return 1
}

function parseLines(text: string): SeriesLine[] {
  const raw = text.split('\n').map((line) => line.replace(/\r$/, ''))
  if (raw[raw.length - 1] === '') raw.pop()
  return raw.map((text, index) => {
    // cut at the first `#` that starts a word: a search, since `(?:^|\s+)#.*$` backtracks quadratically
    const trimmed = text.trim()
    const hash = trimmed.search(/(?:^|\s)#/)
    const content = (hash < 0 ? trimmed : trimmed.slice(0, hash)).trim()
    if (!content) return { text }
    const [name = '', ...options] = content.split(/\s+/)
    return { text, entry: { name, options, line: index + 1 } }
  })
}

/**
 * Three-way merge of debian/patches/series. `ours` is upstream's new series, `theirs` the downstream
 * one, `base` what both started from. The result keeps ours' lines in ours' order (comments included),
 * drops the patches theirs removed relative to base, takes option changes theirs made, and appends the
 * patches theirs added (in theirs' order, each with the comment lines directly above it). A patch
 * appears at most once. There is no conflict case.
 */
export function mergeSeries(base: string, ours: string, theirs: string): { text: string } {
  const baseEntries = new Map(parseSeries(base).map((entry) => [entry.name, entry]))
  const theirLines = parseLines(theirs)
  const theirEntries = new Map(
    theirLines.flatMap((line) => (line.entry ? [[line.entry.name, line.entry] as const] : [])),
  )

  const result: string[] = []
  const seen = new Set<string>()
  for (const line of parseLines(ours)) {
    const entry = line.entry
    if (!entry) {
      result.push(line.text)
      continue
    }
    if (seen.has(entry.name)) continue
    const inBase = baseEntries.get(entry.name)
    const inTheirs = theirEntries.get(entry.name)
    if (inBase && !inTheirs) continue // downstream dropped it
    seen.add(entry.name)
    const theirsChangedOptions =
      inBase && inTheirs && sameOptions(inBase, entry) && !sameOptions(inBase, inTheirs)
    result.push(theirsChangedOptions ? [entry.name, ...inTheirs.options].join(' ') : line.text)
  }
  while (result.length > 0 && result[result.length - 1]?.trim() === '') result.pop()

  const baseText = new Set(base.split('\n').map((line) => line.trim()))
  theirLines.forEach((line, index) => {
    const entry = line.entry
    if (!entry || baseEntries.has(entry.name) || seen.has(entry.name)) return
    seen.add(entry.name)
    result.push(
      ...commentsAbove(theirLines, index).filter((comment) => !baseText.has(comment.trim())),
      line.text,
    )
  })
  return { text: result.length > 0 ? `${result.join('\n')}\n` : '' }
}

function sameOptions(a: SeriesEntry, b: SeriesEntry): boolean {
  return a.options.join(' ') === b.options.join(' ')
}

/** The run of whole-line comments directly above line `index` (no blank line in between). */
function commentsAbove(lines: SeriesLine[], index: number): string[] {
  let start = index
  while (start > 0 && /^\s*#/.test(lines[start - 1]?.text ?? '')) start--
  return lines.slice(start, index).map((line) => line.text)
}
