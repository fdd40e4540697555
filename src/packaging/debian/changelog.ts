/** One entry of debian/changelog (deb-changelog(5)). */
export interface ChangelogEntry {
  source: string
  version: string
  distributions: string[]
  /** The `urgency=` value, when the header has one. */
  urgency: string | undefined
  /** Every `key=value` item after the `;` of the header (keys lower-cased), urgency included. */
  metadata: Record<string, string>
  /** The change lines as written (indentation kept), without the blank lines around them. */
  changes: string
  /** `Name <email>` */
  maintainer: string
  /** The date exactly as written in the trailer; see parseChangelogDate. */
  date: string
  /** 1-based line number of the header. */
  line: number
}

/** What a new entry needs; formatChangelogEntry writes it in the canonical layout. */
export interface NewChangelogEntry {
  source: string
  version: string
  distribution: string
  /** Default `medium`. */
  urgency?: string
  /** One item per bullet (`  * item`); a multi-line item continues indented under its text. */
  changes: string[]
  /** `Name <email>` */
  maintainer: string
  date: Date
}

const FILE = 'debian/changelog'
const HEADER = /^(\w[-+0-9a-z.]*) \(([^() \t]+)\)((?:\s+[-+0-9a-z.]+)+)\s*;(.*)$/i
// `(\S.*)` and a trimEnd, not `(\S.*?)\s*$`: that backtracks quadratically on a long line of spaces
const TRAILER = /^ -- (.*? <[^<>]*>) +(\S.*)$/
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * Parses debian/changelog. The top entry must be well formed (otherwise an Error names the file and
 * the line); parsing stops quietly at the first later line that is not part of an entry (old-style
 * entries, editor local-variables blocks).
 */
export function parseChangelog(text: string): ChangelogEntry[] {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''))
  const entries: ChangelogEntry[] = []
  let index = 0
  for (;;) {
    while (index < lines.length && lines[index]?.trim() === '') index++
    if (index >= lines.length) break
    const headerLine = lines[index] ?? ''
    const header = HEADER.exec(headerLine)
    if (!header) {
      if (entries.length > 0) break
      throw new Error(
        `${FILE}: line ${index + 1} is not an entry header ("package (version) distribution; urgency=…"): ${headerLine}`,
      )
    }
    const start = index
    const body: string[] = []
    let trailer: RegExpExecArray | null = null
    for (index++; index < lines.length; index++) {
      const line = lines[index] ?? ''
      trailer = TRAILER.exec(line)
      if (trailer || HEADER.test(line)) break
      body.push(line)
    }
    if (!trailer) {
      if (entries.length > 0) break
      throw new Error(
        `${FILE}: the entry at line ${start + 1} (${headerLine}) has no trailer line (" -- Name <email>  date")`,
      )
    }
    index++
    const metadata = parseMetadata(header[4] ?? '')
    entries.push({
      source: header[1] ?? '',
      version: header[2] ?? '',
      distributions: (header[3] ?? '').trim().split(/\s+/),
      urgency: metadata.urgency,
      metadata,
      changes: trimBlankLines(body).join('\n'),
      maintainer: trailer[1] ?? '',
      date: (trailer[2] ?? '').trimEnd(),
      line: start + 1,
    })
  }
  if (entries.length === 0) throw new Error(`${FILE} holds no entry`)
  return entries
}

function parseMetadata(text: string): Record<string, string> {
  const metadata: Record<string, string> = {}
  for (const item of text.split(',')) {
    const match = /^\s*([-a-z0-9]+)\s*=(.*)$/i.exec(item)
    if (match?.[1]) metadata[match[1].toLowerCase()] = (match[2] ?? '').trim()
  }
  return metadata
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0
  let end = lines.length
  while (start < end && lines[start]?.trim() === '') start++
  while (end > start && lines[end - 1]?.trim() === '') end--
  return lines.slice(start, end)
}

/** The instant of a changelog date (`Thu, 01 Jan 2026 00:00:00 +0000`), or undefined when it does not parse. */
export function parseChangelogDate(date: string): Date | undefined {
  const match =
    /^(?:\w{3},\s*)?(\d{1,2})\s+(\w{3})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s+([-+])(\d{2})(\d{2})$/.exec(
      date.trim(),
    )
  if (!match) return undefined
  const [, day, month, year, hours, minutes, seconds, sign, offsetHours, offsetMinutes] = match
  const monthIndex = MONTHS.indexOf(month ?? '')
  if (monthIndex < 0) return undefined
  const local = Date.UTC(
    Number(year),
    monthIndex,
    Number(day),
    Number(hours),
    Number(minutes),
    Number(seconds),
  )
  const offset = (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000 * (sign === '-' ? -1 : 1)
  return new Date(local - offset)
}

/** RFC 2822 date in UTC, as changelog trailers write it: `Thu, 01 Jan 2026 00:00:00 +0000`. */
export function formatChangelogDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error('changelog entry date is not a valid date')
  const two = (n: number): string => String(n).padStart(2, '0')
  return (
    `${WEEKDAYS[date.getUTCDay()]}, ${two(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
  )
}

/** One changelog entry in the canonical layout, ending with a newline. */
export function formatChangelogEntry(entry: NewChangelogEntry): string {
  const urgency = entry.urgency ?? 'medium'
  if (!/^[a-z0-9][a-z0-9+.-]*$/.test(entry.source))
    throw new Error(`invalid source package name for debian/changelog: "${entry.source}"`)
  if (!/^[0-9A-Za-z.+~:-]+$/.test(entry.version))
    throw new Error(`invalid version for debian/changelog: "${entry.version}"`)
  if (!/^[-+0-9a-z.]+$/i.test(entry.distribution))
    throw new Error(`invalid distribution for debian/changelog: "${entry.distribution}"`)
  if (!/^[-a-z0-9]+$/i.test(urgency)) throw new Error(`invalid urgency for debian/changelog: "${urgency}"`)
  if (!/^[^\s<>][^\n<>]* <[^\s<>]+>$/.test(entry.maintainer))
    throw new Error(
      `invalid maintainer for debian/changelog (expected "Name <email>"): "${entry.maintainer}"`,
    )
  const items = entry.changes.map((item) => item.trim()).filter(Boolean)
  if (items.length === 0) throw new Error('a debian/changelog entry needs at least one change line')
  const bullets = items.map((item) =>
    item
      .split('\n')
      .map((line, i) => (i === 0 ? `  * ${line.trim()}` : line.trim() ? `    ${line.trim()}` : ''))
      .join('\n'),
  )
  return (
    `${entry.source} (${entry.version}) ${entry.distribution}; urgency=${urgency}\n\n` +
    `${bullets.join('\n')}\n\n -- ${entry.maintainer}  ${formatChangelogDate(entry.date)}\n`
  )
}

/** The changelog text with a new entry on top (separated from the previous top entry by one blank line). */
export function prependChangelogEntry(text: string, entry: NewChangelogEntry): string {
  const rest = text.replace(/^\s*\n/, '')
  return rest ? `${formatChangelogEntry(entry)}\n${rest}` : formatChangelogEntry(entry)
}

/** The name and address of a changelog entry's maintainer (`Name <address>`), as a git identity. */
export function maintainerIdentity(maintainer: string): { name: string; email: string } {
  const parts = /^(.*?)\s*<([^<>]*)>$/.exec(maintainer)
  return { name: parts?.[1] || maintainer, email: parts?.[2] ?? '' }
}
