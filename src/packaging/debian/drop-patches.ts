import { posix } from 'node:path'
import { commitDate, commitTree } from '../../git/commit-tree.js'
import type { GitRepo, Identity } from '../../git/repo.js'
import { editTree } from '../../git/scratch-index.js'
import { writeBlob } from '../../git/trees.js'
import { parseSeries, patchKey } from './series.js'

/**
 * Removes quilt patches upstream already contains (file and series line) in one commit on top of
 * `head`, dated like `head` so the same rebase always yields the same sha. The commit is made in a
 * temporary index: no work tree is read or written.
 */
export async function dropAbsorbedPatches(
  repo: GitRepo,
  head: string,
  names: readonly string[],
  committer: Identity,
): Promise<string> {
  // every line naming the same file goes (`./a.patch` too), and the file where the name really leads
  const drop = new Set(names.map(patchKey))
  const seriesPath = await repo.resolvePath(head, 'debian/patches/series')
  const series = (await repo.readFile(head, seriesPath)) ?? ''
  const kept = series
    .split('\n')
    .filter((line) => {
      const entry = parseSeries(line)[0]
      return !entry || !drop.has(patchKey(entry.name))
    })
    .join('\n')
  // the entry itself goes (a link stays a link): only the directories above it are followed
  const files = await Promise.all(
    [...drop].map(async (key) => {
      const path = `debian/patches/${key}`
      return `${await repo.resolvePath(head, posix.dirname(path))}/${posix.basename(path)}`
    }),
  )
  const blob = await writeBlob(repo, kept)
  const mode = (await repo.treeEntry(head, seriesPath))?.mode ?? '100644'
  const tree = await editTree(repo, head, { mode, blob, path: seriesPath }, files)
  const date = await commitDate(repo, head)
  const message = `Drop patches upstream already contains\n\n${names.map((name) => `- ${name}`).join('\n')}\n`
  return commitTree(repo, { tree, parents: [head], message, identity: committer, date })
}
