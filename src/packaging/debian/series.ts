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

/**
 * What a series name stands for: the file below debian/patches/. `./a.patch`, `a.patch` and `.//a.patch`
 * are one file, so one patch (names differing in case are two files, as on every Linux file system).
 */
export function patchKey(name: string): string {
  return name
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/')
}

/** A series line that names a patch an earlier line already named. */
export interface RepeatedEntry {
  entry: SeriesEntry
  /** The line that named it first. */
  first: SeriesEntry
}

/**
 * The series with every repeat of an earlier line's patch (the same file: see patchKey, options aside)
 * taken out, and the repeats. dpkg-source would apply such a patch twice, and the second time fails.
 */
export function dedupeSeries(text: string): { text: string; repeats: RepeatedEntry[] } {
  const firsts = new Map<string, SeriesEntry>()
  const repeats: RepeatedEntry[] = []
  const kept = parseLines(text).filter((line) => {
    if (!line.entry) return true
    const first = firsts.get(patchKey(line.entry.name))
    if (first) repeats.push({ entry: line.entry, first })
    else firsts.set(patchKey(line.entry.name), line.entry)
    return !first
  })
  if (repeats.length === 0) return { text, repeats }
  return { text: kept.map((line) => `${line.text}\n`).join(''), repeats }
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
  // keyed by the file a line names: `./a.patch` on one side and `a.patch` on the other are one patch
  const baseEntries = new Map(parseSeries(base).map((entry) => [patchKey(entry.name), entry]))
  const theirLines = parseLines(theirs)
  const theirEntries = new Map(
    theirLines.flatMap((line) => (line.entry ? [[patchKey(line.entry.name), line.entry] as const] : [])),
  )

  const result: string[] = []
  const seen = new Set<string>()
  for (const line of parseLines(ours)) {
    const entry = line.entry
    if (!entry) {
      result.push(line.text)
      continue
    }
    const key = patchKey(entry.name)
    if (seen.has(key)) continue
    const inBase = baseEntries.get(key)
    const inTheirs = theirEntries.get(key)
    if (inBase && !inTheirs) continue // downstream dropped it
    seen.add(key)
    const theirsChangedOptions =
      inBase && inTheirs && sameOptions(inBase, entry) && !sameOptions(inBase, inTheirs)
    result.push(theirsChangedOptions ? [entry.name, ...inTheirs.options].join(' ') : line.text)
  }
  while (result.length > 0 && result[result.length - 1]?.trim() === '') result.pop()

  const baseText = new Set(base.split('\n').map((line) => line.trim()))
  theirLines.forEach((line, index) => {
    const entry = line.entry
    const key = entry && patchKey(entry.name)
    if (!entry || !key || baseEntries.has(key) || seen.has(key)) return
    seen.add(key)
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
