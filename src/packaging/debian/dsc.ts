/** A file listed in a .dsc. */
export interface DscFile {
  name: string
  size: number
  md5?: string
  sha256?: string
}

export interface Dsc {
  /** Field name (as written) → value; multi-line values keep their continuation lines. */
  fields: Map<string, string>
  /** The files of `Files:` and `Checksums-Sha256:`, in the order first listed. */
  files: DscFile[]
}

/** Parses a .dsc (deb822; an OpenPGP clear-signature wrapper is skipped). */
export function parseDsc(text: string): Dsc {
  const fields = new Map<string, string>()
  let current: string | undefined
  for (const line of unsign(text).split('\n')) {
    if (/^\s*$/.test(line)) {
      if (fields.size > 0) break // the first paragraph only
      continue
    }
    if (/^[ \t]/.test(line)) {
      if (current !== undefined) fields.set(current, `${fields.get(current) ?? ''}\n${line.trim()}`)
      continue
    }
    const match = /^([^\s:]+):\s*(.*)$/.exec(line)
    if (!match?.[1]) throw new Error(`malformed .dsc line: ${line}`)
    current = match[1]
    fields.set(current, (match[2] ?? '').trim())
  }
  const files = new Map<string, DscFile>()
  const add = (field: string, key: 'md5' | 'sha256'): void => {
    for (const line of (fieldValue(fields, field) ?? '').split('\n')) {
      const [hash, size, name] = line.trim().split(/\s+/)
      if (!hash || !size || !name) continue
      const file = files.get(name) ?? { name, size: Number(size) }
      file[key] = hash
      files.set(name, file)
    }
  }
  add('Files', 'md5')
  add('Checksums-Sha256', 'sha256')
  return { fields, files: [...files.values()] }
}

/** A field's value, looked up case-insensitively as deb822 field names are. */
export function fieldValue(fields: Map<string, string>, name: string): string | undefined {
  for (const [key, value] of fields) if (key.toLowerCase() === name.toLowerCase()) return value
  return undefined
}

function unsign(text: string): string {
  const lines = text.replace(/\r/g, '').split('\n')
  if (lines[0] !== '-----BEGIN PGP SIGNED MESSAGE-----') return lines.join('\n')
  const start = lines.indexOf('', 1) + 1 // after the armor headers (Hash: …)
  const end = lines.indexOf('-----BEGIN PGP SIGNATURE-----')
  return lines
    .slice(start, end < 0 ? undefined : end)
    .map((line) => line.replace(/^- /, ''))
    .join('\n')
}
