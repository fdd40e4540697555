import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Packager, PatchCheck, BuildRequest, BuildResult } from '../packager.js'
import type { GitRepo } from '../../git/repo.js'
import type { Settings } from '../../action/settings.js'
import { changelogResolver, seriesResolver } from './resolvers.js'
import { exportTree } from './export-tree.js'
import { checkQuiltPatches } from './quilt-check.js'
import { exportQuiltInputs } from './quilt-inputs.js'
import { dropAbsorbedPatches } from './drop-patches.js'
import { parseChangelog, parseChangelogDate, prependChangelogEntry } from './changelog.js'
import { changelogEntryDate } from '../entry-date.js'
import { makeOrig, origKey, startOrigEarly } from './orig-early.js'
import { buildSourcePackage } from './dpkg-source.js'
import { buildComparingLess, planComparison } from './build-compare-less.js'
import type { CachedOrig } from '../../cache/orig.js'
import { debianBaseVersion } from './base-version.js'
import { changelogChanges } from './changelog-changes.js'
import { upstreamVersionOf } from '../../versions/dpkg.js'
import { withTempDir } from './temp.js'
import { exportQuiltPatches, type CommitPatchSet } from './export-patches.js'
import { checkOrigSignatures, signingKeyPath } from './orig-signature.js'
import { upstreamOwnPatches } from './upstream-patches.js'
import { prepareBuildTree } from './build-tree.js'
import { archiveAlignment, type ArchiveAlignment } from './archive-attributes.js'
import { sourceBuildError } from './build-errors.js'
import { buildLeanTree, leanTreeProven, writeLeanTree } from './lean-tree.js'

/** Debian source packages: series/changelog merging, quilt fuzz-0 checks, orig tarballs, dpkg-source. */
export const debianPackager: Packager = {
  kind: 'debian',
  tools: ['dpkg-source', 'dpkg-mergechangelogs', 'patch', 'pristine-tar', 'tar', 'xz'],
  resolvers: [seriesResolver, changelogResolver],
  checkPatches,
  startEarly: startOrigEarly,
  build,
}

async function checkPatches(
  repo: GitRepo,
  head: string,
  settings: Settings,
  upstream?: string,
): Promise<PatchCheck> {
  const upstreamPatches = upstream ? await upstreamOwnPatches(repo, upstream, head) : undefined
  const result = await withTempDir('quilt', async (dir) => {
    await exportQuiltInputs(repo, head, dir)
    return checkQuiltPatches(dir, { upstreamPatches })
  })
  const failed = result.patches.find((patch) => patch.status === 'fails')
  if (failed) {
    return {
      kind: 'conflict',
      head,
      failed: { kind: 'patch', name: failed.name, output: failed.reason ?? failed.output ?? '' },
      // the hunks patch rejected (what `quilt push -f` leaves in <file>.rej), else patch's own words
      files: (failed.failedFiles ?? []).map((path) => ({
        path,
        hunks: failed.rejects?.get(path) ?? failed.output ?? '',
      })),
    }
  }
  const absorbed = result.patches.filter((patch) => patch.status === 'absorbed').map((patch) => patch.name)
  if (absorbed.length === 0) return { kind: 'ok', head, dropped: [] }
  const newHead = await dropAbsorbedPatches(repo, head, absorbed, settings.maintainer)
  return {
    kind: 'ok',
    head: newHead,
    dropped: absorbed.map((name) => ({ sha: newHead, subject: `debian/patches/${name}` })),
  }
}

async function build(request: BuildRequest): Promise<BuildResult> {
  const { repo, head, settings } = request
  const { changelogText, top, format } = await debianHeader(repo, head)
  const native = format === '3.0 (native)'
  const quilt = format === '3.0 (quilt)'
  const version = request.versionFor(debianBaseVersion(request.upstreamTag, native))
  const upstreamVersion = upstreamVersionOf(version)
  // never before the upstream release, the carried commits or the entry below (see entry-date.ts)
  const date = await changelogEntryDate(repo, request.upstreamTag, head, parseChangelogDate(top.date))
  const entry = {
    source: top.source,
    version,
    distribution: settings.distribution,
    changes: request.changes ?? (await changelogChanges(request)),
    maintainer: `${settings.maintainer.name} <${settings.maintainer.email}>`,
    date,
  }
  const treeDir = join(request.scratchDir, `${top.source}-${upstreamVersion}`)
  const tree = buildTree(request, treeDir, prependChangelogEntry(changelogText, entry), quilt)
  const { leanPaths, notes } = await placeTree(request, tree, origKey(top.source, upstreamVersion), quilt)
  // read from the tree while the orig tarballs may still be in the making (git archive's alignment
  // changes the tree: then read again)
  let plan = quilt && !leanPaths ? planComparison(treeDir) : undefined
  plan?.catch(() => undefined) // awaited below, or not needed
  const orig = native ? undefined : await prepareOrig(request, tree, top.source, upstreamVersion, notes)
  if (plan && tree.archived) plan = planComparison(treeDir)
  const options = { treeDir, outDir: settings.outputDir, sourceDateEpoch: Math.floor(date.getTime() / 1000) }
  const { built, wholeTree } = leanPaths
    ? await buildLeanTree(options, leanPaths, tree.write)
    : plan && orig?.files.length === 1
      ? await buildComparingLess(options, orig.files[0]!, tree.write, plan)
      : { built: await buildSourcePackage(options), wholeTree: undefined }
  if (wholeTree) notes.push(`dpkg-source compared the whole tree with the orig tarball: ${wholeTree}`)
  if (built.kind !== 'built') throw await sourceBuildError(built, treeDir, tree.archived?.attributes)
  return { version, files: built.files, notes }
}

/** debian/changelog (its text and top entry) and debian/source/format of `head`. */
async function debianHeader(repo: GitRepo, head: string) {
  const changelogText = await repo.readFile(head, 'debian/changelog')
  if (changelogText === undefined)
    throw new Error(`debian/changelog is missing at ${head.slice(0, 12)}: not a Debian source tree`)
  const top = parseChangelog(changelogText)[0]
  if (!top) throw new Error('debian/changelog has no entry')
  const format = (await repo.readFile(head, 'debian/source/format'))?.trim() ?? '1.0'
  return { changelogText, top, format }
}

/** The build tree given to dpkg-source, written whole or (lean) debian/ only. */
interface BuildTree {
  dir: string
  /** Notes of the last writing of debian/ (see build-tree.ts). */
  notes: string[]
  /** Set once the orig tarball is known to come from git archive (see archive-attributes.ts). */
  archived?: ArchiveAlignment
  /** Makes debian/ of a tree holding head's files what dpkg-source builds from. */
  finishDebian(): Promise<CommitPatchSet | undefined>
  /** Writes the whole tree (again: when dpkg-source has to compare the whole tree after all). */
  write(): Promise<CommitPatchSet | undefined>
}

function buildTree(request: BuildRequest, treeDir: string, changelog: string, quilt: boolean): BuildTree {
  const { repo, head } = request
  const tree: BuildTree = {
    dir: treeDir,
    notes: [],
    async finishDebian() {
      tree.notes = await prepareBuildTree(treeDir)
      await writeFile(join(treeDir, 'debian', 'changelog'), changelog)
      // Downstream commits to upstream files travel as quilt patches, as `gbp pq export` would write them.
      return quilt ? await exportQuiltPatches(repo, request.upstreamTag.commit, head, treeDir) : undefined
    },
    write: async () => {
      await rm(treeDir, { recursive: true, force: true })
      await exportTree(repo, head, treeDir)
      const exported = await tree.finishDebian()
      await tree.archived?.align()
      return exported
    },
  }
  return tree
}

/** Writes the tree: lean when an archive upstream's tarballs are at hand and proven to be its files. */
async function placeTree(
  request: BuildRequest,
  tree: BuildTree,
  key: string,
  quilt: boolean,
): Promise<{ leanPaths?: string[]; notes: string[] }> {
  const { repo, head } = request
  const atHand = request.settings.upstreamArchive && quilt ? await request.early : undefined
  const lean =
    atHand?.key === key && (await leanTreeProven(repo, head, request.upstreamTag.commit, atHand.orig))
  let exported: CommitPatchSet | undefined
  const written = lean
    ? await writeLeanTree(repo, head, tree.dir, async () => {
        exported = await tree.finishDebian()
      })
    : undefined
  const leanPaths = Array.isArray(written) ? written : undefined
  if (!leanPaths) exported = await tree.write()
  const notes: string[] = [...tree.notes]
  if (leanPaths)
    notes.push(
      `build tree: debian/ and the ${leanPaths.length} upstream files the patches touch; the rest is the archive import of the orig tarballs, unchanged`,
    )
  if (exported && exported.patches.length > 0) {
    notes.push(
      `upstream files changed by downstream commits, exported to debian/patches: ${exported.patches.map((p) => p.name).join(', ')}` +
        (exported.combined ? ' (one combined patch: the history has merges)' : ''),
    )
  }
  return { leanPaths, notes }
}

/** The orig tarballs (made early, or now), their signatures checked; the tree aligned with git archive's. */
async function prepareOrig(
  request: BuildRequest,
  tree: BuildTree,
  source: string,
  upstreamVersion: string,
  notes: string[],
): Promise<CachedOrig> {
  const { repo, head } = request
  const keys = repo.readFile(head, signingKeyPath)
  keys.catch(() => undefined) // awaited below
  const early = await request.early
  const orig =
    early?.key === origKey(source, upstreamVersion)
      ? early.orig
      : await makeOrig({ ...request, source, upstreamVersion, outDir: request.scratchDir })
  notes.push(
    orig.method === 'debian-archive'
      ? 'orig tarballs taken from the Debian archive, bit for bit'
      : `orig tarballs from ${orig.method}${orig.cached ? ' (cached by an earlier run)' : ''}` +
          (early?.orig === orig ? `, made alongside the rebase in ${early.seconds.toFixed(2)} s` : ''),
  )
  notes.push(
    ...(await checkOrigSignatures({
      repo,
      head,
      orig,
      pristineTarRef: request.upstreamData.pristineTar,
      keys,
    })),
  )
  if (orig.method === 'git-archive') {
    const revision = request.upstreamData.upstreamTree ?? request.upstreamTag.commit
    tree.archived = await archiveAlignment(repo, revision, request.upstreamTag.commit, tree.dir)
    await tree.archived?.align()
    if (tree.archived) notes.push(tree.archived.note)
  }
  return orig
}
