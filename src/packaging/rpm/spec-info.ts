import { run } from '../../process/run.js'
import { preambleRange, sectionRange } from './spec-sections.js'

/** A `SourceN:` or `PatchN:` line of the expanded spec. */
export interface SpecEntry {
  /** The number rpm gives it (unnumbered lines count on from the previous one, starting at 0). */
  number: number
  /** The value as written, macros expanded (a URL or a file name). */
  value: string
  /** The file rpm looks for in SOURCES: the last path component, or the name after a `#/` fragment. */
  file: string
}

/** What rpm makes of a spec, macros expanded (`rpmspec -P`). */
export interface SpecInfo {
  name: string
  version: string
  sources: SpecEntry[]
  patches: SpecEntry[]
  /** The directory `%setup`/`%autosetup` unpacks into and enters, when %prep has one. */
  setupDir: string | undefined
  /** `%setup -c`: rpm creates the directory itself, so the tarball must have no top directory. */
  setupCreatesDir: boolean
}

/** Expands the spec's macros with `rpmspec -P` (in the given _topdir) and reads what the build needs. */
export async function querySpec(specPath: string, defines: readonly string[]): Promise<SpecInfo> {
  const result = await run('rpmspec', ['-P', ...defines, specPath], { env: { LC_ALL: 'C' } })
  return parseExpandedSpec(result.stdout)
}

/** Reads an `rpmspec -P` expansion: Name, Version, the numbered Source and Patch files, the %setup directory. */
export function parseExpandedSpec(text: string): SpecInfo {
  const lines = text.split('\n')
  const tags = new Map<string, string>()
  for (const line of lines.slice(0, preambleRange(lines)[1])) {
    // `(.*)` and a trim, not `(.*?)\s*$`, which backtracks quadratically on a long run of spaces
    const match = /^(Name|Version)\s*:(.*)$/i.exec(line)
    if (match && !tags.has(match[1]!.toLowerCase())) tags.set(match[1]!.toLowerCase(), match[2]!.trim())
  }
  const name = tags.get('name')
  const version = tags.get('version')
  if (!name || !version) throw new Error(`the spec has no ${name ? 'Version' : 'Name'}: tag`)
  return { name, version, ...specEntries(text), ...setupOf(lines) }
}

/**
 * The Source and Patch lines of the main preamble, numbered as rpm numbers them. On a spec as written
 * (not expanded) every conditional branch counts: an upper bound for the numbers in use anywhere.
 */
export function specEntries(text: string): { sources: SpecEntry[]; patches: SpecEntry[] } {
  const lines = text.split('\n')
  const entries = { source: [] as SpecEntry[], patch: [] as SpecEntry[] }
  const next = { source: 0, patch: 0 }
  for (const line of lines.slice(0, preambleRange(lines)[1])) {
    const match = /^(Source|Patch)(\d*)\s*:(.*)$/i.exec(line)
    if (!match) continue
    match[3] = match[3]!.trim()
    const tag = match[1]!.toLowerCase() as 'source' | 'patch'
    const number = match[2] ? Number(match[2]) : next[tag]
    next[tag] = Math.max(next[tag], number + 1)
    entries[tag].push({ number, value: match[3] ?? '', file: fileOf(match[3] ?? '') })
  }
  return { sources: entries.source, patches: entries.patch }
}

function fileOf(value: string): string {
  const fragment = value.lastIndexOf('#/')
  const path = fragment >= 0 ? value.slice(fragment + 2) : value
  return path.slice(path.lastIndexOf('/') + 1)
}

/** %setup expands to shell: the first `cd` into a relative directory is the one it unpacked (or made). */
function setupOf(lines: readonly string[]): { setupDir: string | undefined; setupCreatesDir: boolean } {
  const range = sectionRange(lines, 'prep')
  const prep = range ? lines.slice(...range) : []
  const unquote = (word: string) => word.replace(/^'(.*)'$/, '$1')
  for (const [index, line] of prep.entries()) {
    const cd = /^cd ('[^'/][^']*'|[^\s'/]\S*)\s*$/.exec(line)
    if (!cd?.[1]) continue
    const dir = unquote(cd[1])
    const made = prep
      .slice(0, index)
      .some((before) => /^\S*mkdir -p (\S+)\s*$/.exec(before)?.[1]?.replace(/^'(.*)'$/, '$1') === dir)
    return { setupDir: dir, setupCreatesDir: made }
  }
  return { setupDir: undefined, setupCreatesDir: false }
}
