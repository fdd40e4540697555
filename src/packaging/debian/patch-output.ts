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
    } else if ((match = /^patch: \*{4} (.+)$/.exec(line))) {
      reason ??= `GNU patch: ${match[1]}`
    }
  }
  return { files, hunks, reason }
}

function stripLevel(path: string, level: number): string {
  return path.split('/').slice(level).join('/') || path
}
