import { access, copyFile, lutimes, mkdir, readdir, readFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { CommandError, run } from '../../process/run.js'
import { parseChangelog, parseChangelogDate } from './changelog.js'
import { fieldValue, parseDsc } from './dsc.js'
import { withTempDir } from './temp.js'

export interface BuildSourceOptions {
  /**
   * The unpacked source tree, named `<source>-<upstream version>`, with its orig tarball(s) beside it
   * (in its parent directory, where dpkg-source also writes the .dsc and the debian tarball). For
   * `3.0 (quilt)` the patches must be unapplied; dpkg-source applies them to this tree (it leaves `.pc/`),
   * and the mtimes under debian/ are set to the SOURCE_DATE_EPOCH: pass a scratch copy.
   */
  treeDir: string
  /** Copy the source package files here (created when absent); they are also left beside the tree. */
  outDir?: string
  /** Timestamp for the debian tarball (SOURCE_DATE_EPOCH); default: the date of the top changelog entry. */
  sourceDateEpoch?: number
  /**
   * Compare only debian/ and these paths with the orig tarball (dpkg-source's check for changes that no
   * patch records); dpkg-source ignores every other file of the tree. For when the caller knows those
   * files equal the orig tarball's (see orig-matches-tree.ts): the package is the same, made faster.
   */
  compareOnly?: readonly string[]
}

export type SourceBuildResult =
  | {
      kind: 'built'
      source: string
      version: string
      /** Absolute path of the .dsc (in outDir when given). */
      dsc: string
      /** Absolute paths: the .dsc first, then every file it lists. */
      files: string[]
    }
  /** A quilt patch does not apply with fuzz 0 to the orig tarball(s). */
  | { kind: 'patch-failed'; patch: string; output: string }
  /** The tree differs from orig tarball(s) + patches outside debian/ (paths relative to the tree). */
  | { kind: 'upstream-changes'; files: string[]; output: string }

/** Never part of the source package: CI configuration of the fork. */
export const DIFF_IGNORE = '(^|/)\\.github(/|$)'

/**
 * Builds a Debian source package with `dpkg-source -b`. Reproducible: the same tree and orig tarballs
 * give byte-identical files (dpkg-source clamps the debian tarball's mtimes to SOURCE_DATE_EPOCH, set
 * here from the changelog). A patch that needs fuzz and changes outside debian/ come back as values;
 * any other failure is a CommandError with dpkg-source's own words.
 */
export async function buildSourcePackage(options: BuildSourceOptions): Promise<SourceBuildResult> {
  const tree = resolve(options.treeDir)
  const parent = dirname(tree)
  const epoch = options.sourceDateEpoch ?? (await changelogEpoch(tree))
  // dpkg-source only clamps newer mtimes to SOURCE_DATE_EPOCH; older ones would still depend on how
  // the tree was made. The debian tarball holds debian/ only: give all of it the same time.
  await setTimes(join(tree, 'debian'), epoch)

  const outcome = await withTempDir('dpkg-source', async (tmp) => {
    try {
      const ignore = options.compareOnly ? `${DIFF_IGNORE}|${outside(options.compareOnly)}` : DIFF_IGNORE
      const result = await run('dpkg-source', ['-b', `--extend-diff-ignore=${ignore}`, basename(tree)], {
        cwd: parent,
        // dpkg-source leaves its diff in TMPDIR when it fails: keep it private and removed.
        env: { LC_ALL: 'C', SOURCE_DATE_EPOCH: String(epoch), TMPDIR: tmp, TAR_OPTIONS: undefined },
      })
      return { ok: true as const, output: `${result.stdout}${result.stderr}` }
    } catch (error) {
      if (!(error instanceof CommandError)) throw error
      const failure = classifyFailure(`${error.result.stdout}\n${error.result.stderr}`, basename(tree))
      if (failure) return { ok: false as const, failure }
      throw error
    }
  })
  if (!outcome.ok) return outcome.failure

  const dscName = /building \S+ in (\S+\.dsc)\s*$/m.exec(outcome.output)?.[1]
  if (!dscName) throw new Error(`dpkg-source did not report the .dsc it wrote:\n${outcome.output.trim()}`)
  const dscPath = join(parent, dscName)
  const dsc = parseDsc(await readFile(dscPath, 'utf8'))
  const built = [dscPath, ...dsc.files.map((file) => join(parent, file.name))]
  for (const file of built) await access(file)
  let files = built
  if (options.outDir) {
    const outDir = resolve(options.outDir)
    await mkdir(outDir, { recursive: true })
    files = []
    for (const file of built) {
      const target = join(outDir, basename(file))
      if (target !== file) await copyFile(file, target)
      files.push(target)
    }
  }
  return {
    kind: 'built',
    source: fieldValue(dsc.fields, 'Source') ?? '',
    version: fieldValue(dsc.fields, 'Version') ?? '',
    dsc: files[0] ?? dscPath,
    files,
  }
}

/** A Perl regex matching every path outside debian/ and `paths` (each a file, or a directory and all below). */
function outside(paths: readonly string[]): string {
  const escaped = ['debian', ...paths].map((path) => path.replace(/[^A-Za-z0-9_/]/g, (c) => `\\${c}`))
  return `^(?!(?:${escaped.join('|')})(?:/|$))`
}

async function setTimes(dir: string, epoch: number): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) await setTimes(path, epoch)
    await lutimes(path, epoch, epoch)
  }
  await lutimes(dir, epoch, epoch)
}

async function changelogEpoch(tree: string): Promise<number> {
  const [top] = parseChangelog(await readFile(join(tree, 'debian', 'changelog'), 'utf8'))
  const date = top && parseChangelogDate(top.date)
  if (!date) {
    throw new Error(
      `debian/changelog: the date of the top entry (line ${top?.line ?? 1}: "${top?.date ?? ''}") is not ` +
        'an RFC 2822 date like "Thu, 01 Jan 2026 00:00:00 +0000"',
    )
  }
  return Math.floor(date.getTime() / 1000)
}

/** Recognises dpkg-source's reports of a patch that does not apply and of changes outside debian/. */
function classifyFailure(output: string, treeName: string): SourceBuildResult | undefined {
  const text = output.trim()
  const patch =
    /if patch '(.+?)' is correctly applied by quilt/.exec(text)?.[1] ??
    /\bpatch .*< \S*?\/debian\/patches\/(\S+) subprocess returned exit status/.exec(text)?.[1]
  if (patch) return { kind: 'patch-failed', patch, output: text }
  if (/unexpected upstream changes/.test(text)) {
    const files: string[] = []
    const lines = text.split('\n')
    const start = lines.findIndex((line) => /local changes detected, the modified files are:/.test(line))
    for (const line of start < 0 ? [] : lines.slice(start + 1)) {
      if (!/^ \S/.test(line)) break
      const path = line.trim()
      files.push(path.startsWith(`${treeName}/`) ? path.slice(treeName.length + 1) : path)
    }
    return { kind: 'upstream-changes', files, output: text }
  }
  return undefined
}
