/** A quilt patch cut in two: its DEP-3 header (free text and fields) and the diff that follows. */
export interface PatchParts {
  header: string
  diff: string
}

/** Where the diff starts: `diff --git`, `Index:`, or a `--- ` line directly followed by `+++ `. */
export function splitPatch(text: string): PatchParts {
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const startsDiff =
      line.startsWith('diff ') ||
      line.startsWith('Index: ') ||
      (line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ '))
    if (startsDiff) return { header: lines.slice(0, i).join('\n'), diff: lines.slice(i).join('\n') }
  }
  return { header: text, diff: '' }
}

/** CVE ids in order of first appearance, each once. */
export function cveIds(text: string): string[] {
  return [...new Set(text.match(/\bCVE-\d{4}-\d{4,}\b/g) ?? [])]
}

const FIELD = /^[A-Za-z][A-Za-z0-9-]*:/

/**
 * The header with a `Backported-by:` field added at the end of its first paragraph of DEP-3 fields (at the
 * top when it has none), so tools reading DEP-3 see it beside Description and Origin.
 */
export function withBackportNote(header: string, note: string): string {
  const lines = header === '' ? [] : header.split('\n')
  const field = `Backported-by: ${note}`
  const first = lines.findIndex((line) => FIELD.test(line))
  if (first < 0) return [field, ...lines].join('\n')
  let end = first + 1
  while (end < lines.length && (FIELD.test(lines[end]!) || /^[ \t]\S/.test(lines[end]!))) end++
  return [...lines.slice(0, end), field, ...lines.slice(end)].join('\n')
}

/** A refreshed patch: the original header with the note, then the rewritten diff. */
export function rebuildPatch(original: string, diff: string, note: string): string {
  const header = withBackportNote(splitPatch(original).header.replace(/\n+$/, ''), note)
  return `${header}\n${header.endsWith('---') ? '' : '---\n'}${diff}`
}
