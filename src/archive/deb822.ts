/** One deb822 paragraph: field name (lower-cased) → value; continuation lines joined with `\n`. */
export type Paragraph = Map<string, string>

/**
 * Parses deb822 text (Release, Sources) into paragraphs. Field names are case-insensitive in deb822, so
 * they are kept lower-cased; a continuation line keeps its text without the leading blank.
 */
export function parseParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = []
  let current: Paragraph | undefined
  let field: string | undefined
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '')
    if (line.trim() === '') {
      current = undefined
      field = undefined
      continue
    }
    if (/^[ \t]/.test(line)) {
      if (current && field !== undefined) current.set(field, `${current.get(field) ?? ''}\n${line.trim()}`)
      continue
    }
    const match = /^([^\s:]+):[ \t]*(.*)$/.exec(line)
    if (!match) continue // a comment or a stray line: deb822 parsers skip what is not a field
    if (!current) paragraphs.push((current = new Map()))
    field = match[1]!.toLowerCase()
    current.set(field, match[2]!.trim())
  }
  return paragraphs
}

/** A file line of a checksum field (`<hash> <size> <name>`). */
export interface ChecksumLine {
  sha256: string
  size: number
  name: string
}

/** The lines of a `SHA256:` or `Checksums-Sha256:` field; malformed lines are refused, not skipped. */
export function checksumLines(value: string | undefined, what: string): ChecksumLine[] {
  const lines: ChecksumLine[] = []
  for (const line of (value ?? '').split('\n')) {
    if (line.trim() === '') continue
    const match = /^([0-9a-f]{64})\s+(\d+)\s+(\S+)$/.exec(line.trim())
    if (!match) throw new Error(`${what}: malformed checksum line ${JSON.stringify(line.slice(0, 120))}`)
    lines.push({ sha256: match[1]!, size: Number(match[2]), name: match[3]! })
  }
  return lines
}
