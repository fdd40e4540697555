import { access, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from '../../process/run.js'
import { parseSeries, patchLevel } from './series.js'
import { withTempDir } from './temp.js'

export type PatchStatus = 'applies' | 'absorbed' | 'fails'

/** A hunk GNU patch could not apply. */
export interface FailedHunk {
  file: string
  hunk: number
  /** Line in the file where patch expected the hunk. */
  line?: number
}

export interface PatchCheck {
  /** Name as listed in debian/patches/series. */
  name: string
  /** The `-p` strip level used. */
  level: number
  /**
   * `applies`: applies forward with fuzz 0 (and was applied for the patches after it);
   * `absorbed`: does not apply, but its reverse does: upstream already contains it;
   * `fails`: neither.
   */
  status: PatchStatus
  /** GNU patch's words (for `fails`). */
  output?: string
  /** Why it fails, in one sentence, when that is clear (missing file, malformed patch). */
  reason?: string
  /** Files patch could not patch (for `fails`). */
  failedFiles?: string[]
  /** Hunks patch could not apply (for `fails`). */
  failedHunks?: FailedHunk[]
}

export interface QuiltCheckResult {
  /** One per series entry, in series order. */
  patches: PatchCheck[]
  /** True when no patch fails. */
  ok: boolean
}

/**
 * Checks that each quilt patch of an unpacked source tree (patches not applied) applies with fuzz 0,
 * in series order, on a scratch copy of the tree: the tree itself is not touched. Patches that apply
 * are applied, so later ones see them; absorbed and failing ones are not.
 */
export async function checkQuiltPatches(treeDir: string): Promise<QuiltCheckResult> {
  const patchesDir = join(treeDir, 'debian', 'patches')
  let seriesText: string
  try {
    seriesText = await readFile(join(patchesDir, 'series'), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { patches: [], ok: true }
    throw error
  }
  const entries = parseSeries(seriesText)
  if (entries.length === 0) return { patches: [], ok: true }

  return withTempDir('quilt', async (scratch) => {
    const copy = join(scratch, 'tree')
    await run('cp', ['-a', '--', treeDir, copy])
    const patches: PatchCheck[] = []
    for (const entry of entries) {
      const level = patchLevel(entry)
      const file = join(patchesDir, entry.name)
      if (entry.name.split('/').includes('..')) {
        patches.push({
          name: entry.name,
          level,
          status: 'fails',
          reason: `the series entry "${entry.name}" leaves debian/patches/`,
        })
        continue
      }
      if (!(await exists(file))) {
        patches.push({
          name: entry.name,
          level,
          status: 'fails',
          reason: `debian/patches/${entry.name} is listed in debian/patches/series but does not exist`,
        })
        continue
      }
      patches.push(await checkOne(copy, entry.name, file, level))
    }
    return { patches, ok: patches.every((patch) => patch.status !== 'fails') }
  })
}

async function checkOne(tree: string, name: string, file: string, level: number): Promise<PatchCheck> {
  const forward = await applyPatch(tree, file, level, ['--forward', '--dry-run'])
  if (forward.code === 0) {
    const applied = await applyPatch(tree, file, level, ['--forward'])
    if (applied.code === 0) return { name, level, status: 'applies' }
    return failure(name, level, applied.output)
  }
  const reverse = await applyPatch(tree, file, level, ['--reverse', '--dry-run'])
  if (reverse.code === 0) return { name, level, status: 'absorbed' }
  return failure(name, level, forward.output)
}

function applyPatch(
  tree: string,
  file: string,
  level: number,
  mode: string[],
): Promise<{ code: number; output: string }> {
  const args = [
    `-p${level}`,
    '--fuzz=0',
    '--batch',
    '--no-backup-if-mismatch',
    '--reject-file=-',
    '--remove-empty-files',
    '--quoting-style=literal',
    ...mode,
    '--input',
    file,
  ]
  return run('patch', args, {
    cwd: tree,
    okCodes: [0, 1, 2],
    env: { LC_ALL: 'C', POSIXLY_CORRECT: undefined },
  }).then((result) => ({ code: result.code, output: `${result.stdout}${result.stderr}`.trim() }))
}

function failure(name: string, level: number, output: string): PatchCheck {
  const { files, hunks, reason } = parsePatchOutput(output, level)
  return {
    name,
    level,
    status: 'fails',
    output,
    ...(reason ? { reason } : {}),
    failedFiles: files,
    failedHunks: hunks,
  }
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

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}
