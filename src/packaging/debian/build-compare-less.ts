import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildSourcePackage, type BuildSourceOptions, type SourceBuildResult } from './dpkg-source.js'
import { listTreeFiles, origMatchesTree, type TreeMatch } from './orig-matches-tree.js'
import { patchTargets } from './quilt-inputs.js'

export interface ComparedBuild {
  built: SourceBuildResult
  /** Why dpkg-source compared the whole tree after all; undefined when it compared the patched files only. */
  wholeTree?: string
}

/** More paths than this make too long a regex for dpkg-source's command line: compare the whole tree. */
const MAX_PATHS = 2000

/**
 * `dpkg-source -b` of a `3.0 (quilt)` tree that compares only debian/ and the files the patches touch
 * with the orig tarball, while GNU tar checks alongside that every other file of the tree is the
 * tarball's. When it is, dpkg-source would have found those files equal: the package is the one a
 * whole-tree build makes, without unpacking-and-comparing thousands of files. When it is not (or the
 * check cannot tell), `rewriteTree` writes the tree afresh and dpkg-source compares all of it, and
 * decides as it always does.
 */
export async function buildComparingLess(
  options: BuildSourceOptions,
  orig: string,
  rewriteTree: () => Promise<unknown>,
  plan: Promise<ComparePlan> = planComparison(options.treeDir),
): Promise<ComparedBuild> {
  const { treeFiles, patched } = await plan
  if (typeof patched === 'string') return { built: await buildSourcePackage(options), wholeTree: patched }
  const [built, match] = await Promise.allSettled([
    buildSourcePackage({ ...options, compareOnly: patched }),
    origMatchesTree({ orig, treeDir: options.treeDir, treeFiles, skip: new Set(patched) }),
  ])
  const verdict: TreeMatch =
    match.status === 'fulfilled'
      ? match.value
      : { same: false, why: `tar could not compare: ${String(match.reason)}` }
  if (verdict.same) {
    if (built.status === 'rejected') throw built.reason
    return { built: built.value }
  }
  await rewriteTree()
  return { built: await buildSourcePackage(options), wholeTree: verdict.why }
}

/** The tree's files outside debian/ and .github/, and those the patches touch (or why they cannot be told). */
export interface ComparePlan {
  treeFiles: string[]
  patched: string[] | string
}

/** What buildComparingLess compares, read from the tree alone: made while the orig tarball is still being made. */
export async function planComparison(treeDir: string): Promise<ComparePlan> {
  const treeFiles = await listTreeFiles(treeDir)
  return { treeFiles, patched: await patchedPaths(treeDir, new Set(treeFiles)) }
}

/**
 * The tree's files that any file under debian/patches/ names (every series, every strip level), or why
 * they cannot be handed to dpkg-source as a regex.
 */
export async function patchedPaths(
  treeDir: string,
  treeFiles: ReadonlySet<string>,
): Promise<string[] | string> {
  const dir = join(treeDir, 'debian', 'patches')
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])
  const paths = new Set<string>()
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const text = await readFile(join(entry.parentPath ?? entry.path, entry.name), 'utf8')
    for (const path of patchTargets(text)) if (treeFiles.has(path)) paths.add(path)
  }
  const odd = [...paths].find((path) => !/^[\x20-\x7e]+$/.test(path))
  if (odd !== undefined) return `a patch names ${JSON.stringify(odd)} (not printable ASCII)`
  if (paths.size > MAX_PATHS) return `the patches name ${paths.size} files`
  return [...paths]
}
