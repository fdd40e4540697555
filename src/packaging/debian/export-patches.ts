import { appendFile, mkdir, readdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { binaryChanges, changedFiles, commitMail, diffText } from '../../git/diff.js'
import { downstreamCommits } from '../../git/rebase.js'
import type { GitRepo } from '../../git/repo.js'
import type { CommitInfo } from '../../git/rebase-types.js'
import { checkoutFiles, patchesReproduce } from '../../git/scratch-index.js'
import { ifPresent } from '../../files/if-present.js'

/** One downstream commit's change to upstream files, as a `git format-patch` mail (`-p1`). */
export interface CommitPatch {
  /** File name, `0001-Subject-words.patch` (numbered like `git format-patch` / `gbp pq export`). */
  name: string
  /** The commit, or for a combined patch the head. */
  commit: CommitInfo
  text: string
}

export interface CommitPatchSet {
  patches: CommitPatch[]
  /**
   * True when the commits, one patch each, do not reproduce the head (a history with merges): then
   * one combined patch base..head stands for all of them.
   */
  combined: boolean
}

export interface CommitPatchRequest {
  repo: GitRepo
  /** The upstream commit the downstream commits sit on. */
  base: string
  head: string
  /** Top-level paths that are packaging, not upstream source (`debian`, `x.spec`, `.github`). */
  exclude: readonly string[]
  /** File names already in use: a new patch never takes one (a `-2` is added instead). */
  taken?: ReadonlySet<string>
}

/**
 * Exports the downstream commits base..head that change upstream files (everything outside
 * `exclude`) as patches, one per commit, oldest first, each limited to those files. They are
 * checked to reproduce the head exactly (applied with git's zero-fuzz apply to base); when they do
 * not, a single combined patch is returned. A change to a binary file cannot travel in a patch:
 * that is an error naming the files.
 */
export async function exportCommitPatches(request: CommitPatchRequest): Promise<CommitPatchSet> {
  const { repo, base, head } = request
  const paths = pathspec(request.exclude)
  const binary = await binaryChanges(repo, base, head, paths)
  if (binary.length > 0) {
    throw new Error(
      `downstream commits change binary upstream files (${binary.join(', ')}): a patch cannot carry them; ` +
        'keep binary changes out of the fork, or ship them as separate source files',
    )
  }
  const commits = await downstreamCommits(repo, base, head, paths)
  if (commits.length === 0) return { patches: [], combined: false }

  const taken = new Set(request.taken)
  const patches: CommitPatch[] = []
  for (const [index, commit] of commits.entries()) {
    const text = await commitMail(repo, commit.sha, paths)
    patches.push({ name: claim(patchFileName(index + 1, commit.subject), taken), commit, text: `${text}\n` })
  }
  const texts = patches.map((patch) => patch.text)
  if (await patchesReproduce(repo, base, head, paths, texts)) return { patches, combined: false }

  const diff = await diffText(repo, base, head, paths)
  const subject = `Downstream changes ${base.slice(0, 12)}..${head.slice(0, 12)}`
  const text =
    `Subject: ${subject}\n\nThe downstream history has merges: its commits do not export one by one.\n` +
    `${commits.map((commit) => `  ${commit.sha.slice(0, 12)} ${commit.subject}`).join('\n')}\n---\n${diff}\n`
  const name = claim(patchFileName(1, 'downstream changes'), new Set(request.taken))
  return { patches: [{ name, commit: { sha: head, subject }, text }], combined: true }
}

function pathspec(exclude: readonly string[]): string[] {
  return [':/', ...exclude.map((path) => `:(top,literal,exclude)${path}`)]
}

/** `0001-Remove-the-IDLE-debounce.patch`: the subject sanitised the way `git format-patch` names files. */
export function patchFileName(number: number, subject: string): string {
  const slug =
    subject
      .replace(/[^A-Za-z0-9._]+/g, '-')
      .replace(/\.{2,}/g, '.')
      .slice(0, 52)
      .replace(/^[.-]+|[.-]+$/g, '') || 'patch'
  return `${String(number).padStart(4, '0')}-${slug}.patch`
}

function claim(name: string, taken: Set<string>): string {
  let candidate = name
  for (let n = 2; taken.has(candidate); n++) candidate = name.replace(/\.patch$/, `-${n}.patch`)
  taken.add(candidate)
  return candidate
}

/**
 * For a `3.0 (quilt)` build tree exported from `head`: the downstream commits' changes outside
 * `debian/` become quilt patches in `debian/patches/` (appended to `series`), and those changes are
 * undone in the tree, so dpkg-source sees the unmodified upstream plus patches. Only the scratch tree
 * changes. Returns the patches added.
 */
export async function exportQuiltPatches(
  repo: GitRepo,
  base: string,
  head: string,
  treeDir: string,
): Promise<CommitPatchSet> {
  const exclude = ['debian', '.github']
  const patchesDir = join(treeDir, 'debian', 'patches')
  const existing = (await ifPresent(readdir(patchesDir), 'debian/patches in the build tree')) ?? []
  const set = await exportCommitPatches({ repo, base, head, exclude, taken: new Set(existing) })
  if (set.patches.length === 0) return set
  await mkdir(patchesDir, { recursive: true })
  for (const patch of set.patches) await writeFile(join(patchesDir, patch.name), patch.text)
  const series =
    (await ifPresent(
      readFile(join(patchesDir, 'series'), 'utf8'),
      'debian/patches/series in the build tree',
    )) ?? ''
  const separator = series === '' || series.endsWith('\n') ? '' : '\n'
  await appendFile(join(patchesDir, 'series'), separator + set.patches.map((p) => `${p.name}\n`).join(''))
  await restoreUpstreamFiles(repo, base, head, pathspec(exclude), treeDir)
  return set
}

/** Puts base's version of every file base..head changes (within `paths`) back into the tree. */
async function restoreUpstreamFiles(
  repo: GitRepo,
  base: string,
  head: string,
  paths: readonly string[],
  treeDir: string,
): Promise<void> {
  const dest = resolve(treeDir)
  const restore: string[] = []
  for (const change of await changedFiles(repo, base, head, paths)) {
    if (change.status === 'A') await removeWithEmptyParents(dest, change.path)
    else restore.push(change.path)
  }
  if (restore.length > 0) await checkoutFiles(repo, base, dest, restore)
}

async function removeWithEmptyParents(root: string, path: string): Promise<void> {
  await rm(join(root, path), { force: true })
  for (let dir = dirname(join(root, path)); dir.startsWith(`${root}/`); dir = dirname(dir)) {
    if ((await readdir(dir)).length > 0) return
    await rmdir(dir)
  }
}
