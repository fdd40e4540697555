import { access, copyFile, readdir, readFile, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from '../../process/run.js'
import { parsePatchOutput, splitRejects, type FailedHunk } from './patch-output.js'
import { parseSeries, patchKey, patchLevel, type SeriesEntry } from './series.js'
import { withTempDir } from './temp.js'

export type { FailedHunk }

export type PatchStatus = 'applies' | 'absorbed' | 'fails' | 'duplicate'

export interface PatchCheck {
  /** Name as listed in debian/patches/series. */
  name: string
  /** The `-p` strip level used. */
  level: number
  /**
   * `applies`: applies forward with fuzz 0 (and was applied for the patches after it);
   * `absorbed`: does not apply, but its reverse does: upstream already contains it;
   * `fails`: neither;
   * `duplicate`: an earlier line names the same file (`a.patch`, `./a.patch`, with or without options):
   * one patch, checked there, neither applied twice nor ever absorbed.
   */
  status: PatchStatus
  /** For `duplicate`: the name on the earlier line. */
  duplicateOf?: string
  /** GNU patch's words (for `fails`). */
  output?: string
  /** Set when the series line has options: dpkg-source ignores them and always uses -p1. */
  warning?: string
  /** Why it fails, in one sentence, when that is clear (missing file, malformed patch). */
  reason?: string
  /** Files patch could not patch (for `fails`). */
  failedFiles?: string[]
  /** Hunks patch could not apply (for `fails`). */
  failedHunks?: FailedHunk[]
  /** File → the hunks patch rejected, as `quilt push -f` leaves them in `<file>.rej` (for `fails`). */
  rejects?: Map<string, string>
}

export interface QuiltCheckOptions {
  /**
   * Names (see patchKey) of the patches that are upstream's own, as upstream has them. A patch is then
   * absorbed only when its reverse applies to upstream's tree with just these applied, never because a
   * downstream patch before it made the same change. Without it, the patches before it count as upstream.
   */
  upstreamPatches?: ReadonlySet<string>
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
export async function checkQuiltPatches(
  treeDir: string,
  options: QuiltCheckOptions = {},
): Promise<QuiltCheckResult> {
  const patchesDir = join(treeDir, 'debian', 'patches')
  const entries = await readSeries(patchesDir)
  if (entries.length === 0) return { patches: [], ok: true }

  return withTempDir('quilt', async (scratch) => {
    const copy = join(scratch, 'tree')
    await run('cp', ['-a', '--', treeDir, copy])
    const patches: PatchCheck[] = []
    const firsts = new Map<string, SeriesEntry>()
    for (const [index, entry] of entries.entries()) {
      const level = patchLevel(entry)
      const file = join(patchesDir, entry.name)
      const unusable = await entryProblem(entry, level, file, firsts)
      if (unusable) {
        patches.push(unusable)
        continue
      }
      let check = await checkOne(copy, entry.name, file, level, join(scratch, 'backups'))
      if (check.status === 'absorbed' && options.upstreamPatches) {
        const before = entries.slice(0, index).filter((earlier, at) => patches[at]?.status === 'applies')
        const upstreamOnly = before.filter((earlier) => options.upstreamPatches!.has(patchKey(earlier.name)))
        if (upstreamOnly.length < before.length) {
          check = await proveAbsorbed(treeDir, join(scratch, `upstream-${index}`), upstreamOnly, check)
        }
      }
      if (entry.options.length > 0) {
        check.warning = `series options "${entry.options.join(' ')}" are ignored by dpkg-source, which applies every patch with -p1`
      }
      patches.push(check)
    }
    return { patches, ok: patches.every((patch) => patch.status !== 'fails') }
  })
}

/** The entries of debian/patches/series (none when there is no series file). */
async function readSeries(patchesDir: string): Promise<SeriesEntry[]> {
  try {
    return parseSeries(await readFile(join(patchesDir, 'series'), 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

/**
 * The check of a series entry that names no patch to try: a duplicate of an earlier line (`firsts`, by
 * patchKey, gets the first of each), a name out of debian/patches/, a missing file; else undefined.
 */
async function entryProblem(
  entry: SeriesEntry,
  level: number,
  file: string,
  firsts: Map<string, SeriesEntry>,
): Promise<PatchCheck | undefined> {
  const first = firsts.get(patchKey(entry.name))
  if (first) {
    return {
      name: entry.name,
      level,
      status: 'duplicate',
      duplicateOf: first.name,
      warning: `debian/patches/series line ${entry.line} names ${first.name} again (first on line ${first.line}): it is applied once`,
    }
  }
  firsts.set(patchKey(entry.name), entry)
  if (entry.name.split('/').includes('..')) {
    return {
      name: entry.name,
      level,
      status: 'fails',
      reason: `the series entry "${entry.name}" leaves debian/patches/`,
    }
  }
  if (!(await exists(file))) {
    return {
      name: entry.name,
      level,
      status: 'fails',
      reason: `debian/patches/${entry.name} is listed in debian/patches/series but does not exist`,
    }
  }
  return undefined
}

/**
 * `absorbed` stands only when the reverse of the patch applies to upstream's tree with upstream's own
 * patches before it applied, on a fresh copy: a downstream patch before it that made the same change
 * (the fork's patch under a second name) explains a reverse that applies, and proves nothing.
 */
async function proveAbsorbed(
  treeDir: string,
  copy: string,
  upstreamBefore: readonly SeriesEntry[],
  check: PatchCheck,
): Promise<PatchCheck> {
  await run('cp', ['-a', '--', treeDir, copy])
  const patchesDir = join(treeDir, 'debian', 'patches')
  for (const entry of upstreamBefore) {
    await applyPatch(copy, join(patchesDir, entry.name), patchLevel(entry), ['--forward'])
  }
  const reverse = await applyPatch(copy, join(patchesDir, check.name), check.level, ['--reverse'])
  await rm(copy, { recursive: true, force: true })
  if (reverse.code === 0 && !/Ignoring -R\./.test(reverse.output)) return check
  return {
    name: check.name,
    level: check.level,
    status: 'fails',
    reason:
      'it does not apply, and its reverse applies only on top of the downstream patches before it: an ' +
      'earlier downstream patch already makes its change, upstream does not (list the change once)',
  }
}

/**
 * Applies one patch for real, never with --dry-run: a dry run does not carry a patch's earlier diffs of a
 * file into its later diffs of the same file, so a patch made of several commits (Debian's CVE patches
 * often are) would seem not to apply. Whatever did not apply is undone from patch's own backups.
 */
async function checkOne(
  tree: string,
  name: string,
  file: string,
  level: number,
  backups: string,
): Promise<PatchCheck> {
  // the rejected hunks go to a scratch file (never next to the tree's files) for the report
  const rejectFile = `${backups}-forward.rej`
  const forward = await applyWithBackup(
    tree,
    file,
    level,
    ['--forward'],
    join(backups, 'forward'),
    rejectFile,
  )
  const rejected = await readRejects(rejectFile)
  if (/^Ignoring potentially dangerous file name /m.test(forward.output)) {
    await restore(tree, join(backups, 'forward'))
    return { ...failure(name, level, forward.output), reason: 'it names a file outside the source tree' }
  }
  if (forward.code === 0) {
    await rm(join(backups, 'forward'), { recursive: true, force: true })
    return { name, level, status: 'applies' }
  }
  await restore(tree, join(backups, 'forward'))
  const reverse = await applyWithBackup(tree, file, level, ['--reverse'], join(backups, 'reverse'))
  await restore(tree, join(backups, 'reverse'))
  // "Ignoring -R": patch applied a file creation forward instead, which proves nothing is absorbed
  if (reverse.code === 0 && !/Ignoring -R\./.test(reverse.output)) return { name, level, status: 'absorbed' }
  return { ...failure(name, level, asQuiltSays(forward.output, rejectFile)), rejects: splitRejects(rejected) }
}

/** patch's words as `quilt push` shows them: each file's rejects in `<file>.rej`, not in a scratch file. */
function asQuiltSays(output: string, rejectFile: string): string {
  let current = ''
  return output
    .split('\n')
    .map((line) => {
      current = /^(?:patching|checking) file (.+)$/.exec(line)?.[1] ?? current
      const saving = ` -- saving rejects to file ${rejectFile}`
      return line.endsWith(saving)
        ? `${line.slice(0, -saving.length)} -- saving rejects to file ${current}.rej`
        : line
    })
    .join('\n')
}

/** What patch wrote to the reject file (nothing when it rejected nothing), removing the file. */
async function readRejects(rejectFile: string): Promise<string> {
  try {
    return await readFile(rejectFile, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ''
    throw error
  } finally {
    await rm(rejectFile, { force: true })
  }
}

/**
 * Applies with GNU patch's backups under `backups` (an empty placeholder, mode 0, for a file it creates),
 * the rejected hunks written to `rejectFile` (an absolute path) or thrown away.
 */
function applyWithBackup(
  tree: string,
  file: string,
  level: number,
  mode: string[],
  backups: string,
  rejectFile = '-',
): Promise<{ code: number; output: string }> {
  return applyPatch(tree, file, level, [...mode, '--backup', `--prefix=${backups}/`], rejectFile)
}

/** Puts back every file patch backed up under `backups`, and removes the files it created. */
async function restore(tree: string, backups: string, relative = ''): Promise<void> {
  const entries = await readdir(join(backups, relative), { withFileTypes: true }).catch(() => [])
  for (const entry of entries) {
    const path = relative ? `${relative}/${entry.name}` : entry.name
    if (entry.isDirectory()) {
      await restore(tree, backups, path)
      continue
    }
    const saved = join(backups, path)
    const info = await stat(saved)
    await rm(join(tree, path), { force: true })
    if (info.size > 0 || (info.mode & 0o777) !== 0) await copyFile(saved, join(tree, path))
  }
  if (relative === '') await rm(backups, { recursive: true, force: true })
}

function applyPatch(
  tree: string,
  file: string,
  level: number,
  mode: string[],
  rejectFile = '-',
): Promise<{ code: number; output: string }> {
  const args = [
    `-p${level}`,
    '--fuzz=0',
    '--batch',
    '--no-backup-if-mismatch',
    `--reject-file=${rejectFile}`,
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

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}
