import { rm, rmdir, readdir } from 'node:fs/promises'
import { dirname, join, posix } from 'node:path'
import type { GitRepo } from '../../git/repo.js'
import { treeAttributes } from '../../git/scratch-index.js'
import { diskLinks, resolveInTree } from '../../git/tree-links.js'
import { run } from '../../process/run.js'
import { withTempDir } from './temp.js'

/** Where an upstream's .gitattributes makes `git archive` write something else than git's tree. */
export interface ArchiveAttributes {
  /** Files git archive leaves out: export-ignore on them or on a directory above them. */
  ignored: string[]
  /** Files whose `$Format:…$` placeholders git archive fills in (export-subst). */
  substituted: string[]
  /**
   * Files git converts on the way out of the repository, for git archive and for the tree alike (ident,
   * text/eol, filter, working-tree-encoding): they agree, but a patch made from git's own contents may not
   * apply to them.
   */
  converted: string[]
}

const CONVERTING = ['ident', 'filter', 'text', 'eol', 'working-tree-encoding']

/** Outside the orig tarball anyway. */
const PACKAGING = /^(?:debian|\.github)(?:\/|$)/

/**
 * The attributes of `revision`'s tree that make git archive differ from it, read from the tree's own
 * .gitattributes files (as git archive reads them); undefined when the tree has none.
 */
export async function archiveAttributes(
  repo: GitRepo,
  revision: string,
): Promise<ArchiveAttributes | undefined> {
  const entries = (await repo.listEntries(revision)).filter((entry) => !PACKAGING.test(entry.path))
  if (!entries.some((entry) => /(?:^|\/)\.gitattributes$/.test(entry.path))) return undefined
  const names = ['export-ignore', 'export-subst', ...CONVERTING]
  const paths = entries.map((entry) => entry.path)
  const set = await treeAttributes(repo, revision, paths, names)
  const has = (path: string, name: string) => set.get(path)?.has(name) ?? false
  const ignoredDirs = entries
    .filter((e) => e.type === 'tree' && has(e.path, 'export-ignore'))
    .map((e) => e.path)
  const files = entries.filter((entry) => entry.type === 'blob').map((entry) => entry.path)
  const ignored = files.filter(
    (path) => has(path, 'export-ignore') || ignoredDirs.some((dir) => path.startsWith(`${dir}/`)),
  )
  const left = new Set(ignored)
  const kept = files.filter((path) => !left.has(path))
  return {
    ignored,
    substituted: kept.filter((path) => has(path, 'export-subst')),
    converted: kept.filter((path) => CONVERTING.some((name) => has(path, name))),
  }
}

/**
 * Makes the upstream files of a build tree what git archive of `revision` holds: export-ignored files
 * go (with the directories they leave empty), export-subst files are written as git archive writes them.
 * Only files the tree has as `revision` has them are rewritten: a real difference stays for dpkg-source.
 */
export async function alignWithArchive(
  repo: GitRepo,
  revision: string,
  treeDir: string,
  attributes: ArchiveAttributes,
  base: string,
): Promise<void> {
  for (const path of attributes.ignored) await removeWithEmptyParents(treeDir, path)
  const same: string[] = []
  for (const path of attributes.substituted) {
    const [ours, theirs] = await Promise.all([repo.treeEntry(base, path), repo.treeEntry(revision, path)])
    if (ours && ours.sha === theirs?.sha) same.push(path)
  }
  if (same.length === 0) return
  await withTempDir('subst', async (dir) => {
    const tar = join(dir, 'subst.tar')
    // a commit, not a tree: $Format:…$ needs the commit (as for the orig tarball)
    await repo.archiveToFile(tar, ['--format=tar', `${revision}^{commit}`, '--', ...same.map(literal)])
    await run('tar', ['-x', '-f', tar, '-C', treeDir], { env: { TAR_OPTIONS: undefined } })
  })
}

/**
 * For a message: which of `paths` .gitattributes makes git archive (or git) write otherwise, by
 * attribute; undefined when none.
 */
export function attributesAt(
  attributes: ArchiveAttributes | undefined,
  paths: Iterable<string>,
): string | undefined {
  if (!attributes) return undefined
  const wanted = new Set(paths)
  const groups = [
    ['export-ignore: git archive leaves them out of the orig tarball', attributes.ignored],
    ['export-subst: git archive fills in their $Format$ placeholders', attributes.substituted],
    ['ident, eol, filter or encoding: git converts them, patches made from git do not', attributes.converted],
  ] as const
  const parts = groups.flatMap(([why, list]) => {
    const hit = list.filter((path) => wanted.has(path))
    return hit.length > 0 ? [`${hit.join(', ')} (${why})`] : []
  })
  return parts.length > 0 ? parts.join('; ') : undefined
}

function literal(path: string): string {
  return `:(top,literal)${path}`
}

async function removeWithEmptyParents(root: string, path: string): Promise<void> {
  // only what is there as named: never through a link of the tree
  const parent = posix.dirname(path) === '.' ? '' : posix.dirname(path)
  if ((await resolveInTree(diskLinks(root), parent).catch(() => undefined)) !== parent) return
  await rm(join(root, path), { force: true })
  for (let dir = dirname(join(root, path)); dir.startsWith(`${root}/`); dir = dirname(dir)) {
    const left = await readdir(dir).catch(() => undefined)
    if (left === undefined || left.length > 0) return
    await rmdir(dir)
  }
}

/** A build tree's agreement with a git archive orig tarball: what to redo when the tree is written again. */
export interface ArchiveAlignment {
  attributes: ArchiveAttributes
  /** Applies the attributes to the tree as written (again) by the build. */
  align(): Promise<void>
  note: string
}

/**
 * When upstream's .gitattributes make git archive differ from git's tree: how to make the build tree
 * agree with the orig tarball made from `revision` (the tree's upstream files being `base`'s).
 */
export async function archiveAlignment(
  repo: GitRepo,
  revision: string,
  base: string,
  treeDir: string,
): Promise<ArchiveAlignment | undefined> {
  const attributes = await archiveAttributes(repo, revision)
  if (!attributes || attributes.ignored.length + attributes.substituted.length === 0) return undefined
  const counts = [
    attributes.ignored.length > 0 ? `${attributes.ignored.length} export-ignore files left out` : '',
    attributes.substituted.length > 0 ? `${attributes.substituted.length} export-subst files filled in` : '',
  ].filter(Boolean)
  return {
    attributes,
    align: () => alignWithArchive(repo, revision, treeDir, attributes, base),
    note: `upstream's .gitattributes: the tree given to dpkg-source matches the git archive orig tarball (${counts.join(', ')})`,
  }
}
