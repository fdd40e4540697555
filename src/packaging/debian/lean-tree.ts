import type { GitRepo } from '../../git/repo.js'
import { sameTreeOutside } from '../../git/same-tree.js'
import type { OrigResult } from './orig.js'
import { exportPaths } from './export-tree.js'
import { patchedPaths, type ComparedBuild } from './build-compare-less.js'
import { buildSourcePackage, type BuildSourceOptions } from './dpkg-source.js'

/** Top-level names dpkg-source leaves out of the comparison with the orig tarballs. */
const PACKAGING = ['debian', '.github']

/**
 * Whether the build may write a lean tree (see writeLeanTree): a `3.0 (quilt)` package whose orig
 * tarballs are an archive import's (`unpackedAs`, the upstream the branch was rebased onto) and whose
 * head has that import's tree outside debian/ and .github/, entry for entry.
 */
export async function leanTreeProven(
  repo: GitRepo,
  head: string,
  upstream: string,
  orig: OrigResult | undefined,
): Promise<boolean> {
  return orig?.unpackedAs === upstream && sameTreeOutside(repo, upstream, head, PACKAGING)
}

/**
 * Writes debian/ of `head` and, after `finishDebian` (the new changelog entry, exported patches), the
 * upstream files the patches touch; returns those paths, for dpkg-source to compare alone. Every other
 * file is the orig tarballs' own by construction (leanTreeProven), so dpkg-source, told to ignore them,
 * builds the package a whole tree builds, without 25 MB written and compared. A string: why the patches'
 * files cannot be compared alone (the caller then writes the whole tree).
 */
export async function writeLeanTree(
  repo: GitRepo,
  head: string,
  treeDir: string,
  finishDebian: () => Promise<void>,
): Promise<string[] | string> {
  const files = [...(await repo.listFiles(head)).keys()]
  await exportPaths(
    repo,
    head,
    treeDir,
    files.filter((path) => path.startsWith('debian/')),
  )
  await finishDebian()
  const upstreamFiles = new Set(
    files.filter((path) => !PACKAGING.some((name) => path.startsWith(`${name}/`))),
  )
  const patched = await patchedPaths(treeDir, upstreamFiles)
  if (typeof patched === 'string') return patched
  await exportPaths(repo, head, treeDir, patched)
  return patched
}

/**
 * `dpkg-source -b` of a lean tree, comparing only `paths`; should it fail, `rewriteTree` writes the whole
 * tree and dpkg-source builds it as always (its verdict, and its error, are then the whole tree's).
 */
export async function buildLeanTree(
  options: BuildSourceOptions,
  paths: readonly string[],
  rewriteTree: () => Promise<unknown>,
): Promise<ComparedBuild> {
  const built = await buildSourcePackage({ ...options, compareOnly: paths })
  if (built.kind === 'built') return { built }
  await rewriteTree()
  return {
    built: await buildSourcePackage(options),
    wholeTree: 'the build of debian/ and the patched files alone did not succeed',
  }
}
