import { sectionRange } from './spec-sections.js'

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

export interface RpmChangelogEntry {
  date: Date
  /** `Full Name <email>` */
  maintainer: string
  /** `version-release` */
  versionRelease: string
  /** One bullet each; a multi-line item keeps its further lines (indented sub-items). */
  items: readonly string[]
}

/** `Thu Jan 01 2026`: the date rpm expects in a %changelog header, in UTC. */
export function rpmChangelogDate(date: Date): string {
  const day = String(date.getUTCDate()).padStart(2, '0')
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${day} ${date.getUTCFullYear()}`
}

/** The date of the newest (first) %changelog entry, when there is one rpm can read. */
export function newestChangelogDate(spec: string): Date | undefined {
  const lines = spec.split('\n')
  const range = sectionRange(lines, 'changelog')
  const header = range && lines.slice(...range).find((line) => line.startsWith('*'))
  const match = header && /^\*\s+\w{3}\s+(\w{3})\s+(\d{1,2})\s+(?:[\d:]+\s+\S+\s+)?(\d{4})\b/.exec(header)
  if (!match) return undefined
  const month = MONTHS.indexOf(match[1]!)
  return month < 0 ? undefined : new Date(Date.UTC(Number(match[3]), month, Number(match[2])))
}

/**
 * Prepends an entry to %changelog (adding the section when the spec has none). `%` in the text is
 * doubled: rpm expands macros in the changelog.
 */
export function prependRpmChangelog(spec: string, entry: RpmChangelogEntry): string {
  const escape = (text: string) => text.replace(/%/g, '%%')
  const text = [
    `* ${rpmChangelogDate(entry.date)} ${escape(entry.maintainer)} - ${entry.versionRelease}`,
    ...entry.items.map((item) => `- ${escape(item)}`),
    '',
  ]
  const lines = spec.split('\n')
  const range = sectionRange(lines, 'changelog')
  if (!range) return `${spec.replace(/\n*$/, '\n')}\n%changelog\n${text.join('\n')}`
  lines.splice(range[0], 0, ...text)
  return lines.join('\n')
}
