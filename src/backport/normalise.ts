import { splitPatch } from './dep3.js'

/**
 * What a patch changes, without what varies between copies of the same change: headers, timestamps,
 * context lines, line numbers and the strip level. Two patches with equal results make the same change.
 */
export function normalisedChange(text: string, level: number): string {
  const lines = splitPatch(text).diff.split('\n')
  const files = new Map<string, string[]>()
  let current: string[] | undefined
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ')) {
      const path = fileOf(line.slice(4), lines[i + 1]!.slice(4), level)
      current = files.get(path) ?? []
      files.set(path, current)
      i++
      continue
    }
    const hunk = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line)
    if (!hunk || !current) continue
    // counted, so a removed line that reads `--- x` is not taken for the next file
    let old = Number(hunk[1] ?? 1)
    let added = Number(hunk[2] ?? 1)
    while ((old > 0 || added > 0) && i + 1 < lines.length) {
      const body = lines[++i]!
      if (body.startsWith('\\')) continue
      if (body.startsWith('-')) old--
      else if (body.startsWith('+')) added--
      else {
        old--
        added--
      }
      if (body.startsWith('-') || body.startsWith('+')) current.push(body.trimEnd())
    }
  }
  return [...files.entries()]
    .filter(([, changed]) => changed.length > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, changed]) => [`@ ${path}`, ...changed].join('\n'))
    .join('\n')
}

/** The file a `---`/`+++` pair names, its first `level` components removed (the new name unless deleted). */
function fileOf(oldName: string, newName: string, level: number): string {
  const name = (newName.split('\t')[0] ?? '').trim()
  const chosen = name === '/dev/null' ? (oldName.split('\t')[0] ?? '').trim() : name
  return chosen.split(/\/+/).slice(level).join('/') || chosen
}
