/** A hunk GNU patch could not apply. */
export interface FailedHunk {
  file: string
  hunk: number
  /** Line in the file where patch expected the hunk. */
  line?: number
}

/** Reads GNU patch's (LC_ALL=C) report: which files and hunks failed, and why when it says so. */
export function parsePatchOutput(
  output: string,
  level = 1,
): { files: string[]; hunks: FailedHunk[]; reason: string | undefined } {
  const files: string[] = []
  const hunks: FailedHunk[] = []
  let reason: string | undefined
  let current = ''
  let quotedTarget = ''
  const fail = (file: string): void => {
    if (file && !files.includes(file)) files.push(file)
  }
  for (const line of output.split('\n')) {
    let match: RegExpExecArray | null
    if ((match = /^(?:checking|patching) file (.+)$/.exec(line))) {
      current = match[1] ?? ''
    } else if ((match = /^\|(?:\+\+\+|---) (\S+)/.exec(line))) {
      if (match[1] !== '/dev/null') quotedTarget = stripLevel(match[1] ?? '', level)
    } else if ((match = /^Hunk #(\d+) FAILED at (\d+)/.exec(line))) {
      hunks.push({ file: current, hunk: Number(match[1]), line: Number(match[2]) })
      fail(current)
    } else if (/^Reversed \(or previously applied\) patch detected!/.test(line)) {
      fail(current)
      reason ??= `part of the patch is already applied upstream (${current})`
    } else if (/^No file to patch\./.test(line)) {
      fail(quotedTarget)
      reason ??= `a file it patches does not exist${quotedTarget ? ` (${quotedTarget})` : ''}`
    } else if ((match = /^The next patch would (?:create|delete) the file (.+?), which/.exec(line))) {
      fail(match[1] ?? '')
      reason ??= line.replace(/\s+Skipping patch\.$/, '')
    } else if ((match = /^(?:\S*\/)?patch: \*{4} (.+)$/.exec(line))) {
      reason ??= `GNU patch: ${match[1]}`
    }
  }
  return { files, hunks, reason }
}

function stripLevel(path: string, level: number): string {
  return path.split('/').slice(level).join('/') || path
}

/**
 * The hunks GNU patch rejected, per file, from the one reject file it writes with `--reject-file=FILE`
 * (each file's hunks under its own `--- name` / `+++ name` header, as quilt leaves them in `name.rej`).
 */
export function splitRejects(text: string): Map<string, string> {
  const lines = text.split('\n')
  const starts: { at: number; file: string }[] = []
  for (let i = 0; i + 1 < lines.length; i++) {
    const unified = lines[i]!.startsWith('--- ') && lines[i + 1]!.startsWith('+++ ')
    const context = lines[i]!.startsWith('*** ') && lines[i + 1]!.startsWith('--- ')
    if (unified || context) starts.push({ at: i, file: lines[i + 1]!.slice(4).split('\t')[0]!.trimEnd() })
  }
  const rejects = new Map<string, string>()
  for (const [index, { at, file }] of starts.entries()) {
    const text = lines
      .slice(at, starts[index + 1]?.at ?? lines.length)
      .join('\n')
      .trimEnd()
    rejects.set(file, rejects.has(file) ? `${rejects.get(file)}\n${text}` : text)
  }
  return rejects
}
