import type { GitRepo, Identity } from '../../git/repo.js'
import { identityEnv } from '../../git/repo.js'
import { join, posix } from 'node:path'
import { parseSeries, patchKey } from './series.js'
import { withTempDir } from './temp.js'

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
  const blob = await repo.read(['hash-object', '-w', '--stdin'], { input: kept })
  const mode = (await repo.treeEntry(head, seriesPath))?.mode ?? '100644'
  const tree = await withTempDir('drop', async (dir) => {
    const env = { GIT_INDEX_FILE: join(dir, 'index') }
    await repo.exec(['read-tree', head], { env })
    await repo.exec(['update-index', '--add', '--cacheinfo', `${mode},${blob},${seriesPath}`], { env })
    await repo.exec(['update-index', '--force-remove', '-z', '--stdin'], {
      env,
      input: files.map((path) => `${path}\0`).join(''),
    })
    return repo.read(['write-tree'], { env })
  })
  const date = await repo.read(['show', '-s', '--format=%cI', head])
  const message = `Drop patches upstream already contains\n\n${names.map((name) => `- ${name}`).join('\n')}\n`
  return repo.read(['commit-tree', tree, '-p', head], { env: identityEnv(committer, date), input: message })
}
