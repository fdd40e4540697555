import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { GitRepo } from './repo.js'

/**
 * Runs `work` with a handle whose index is a scratch file holding `tree`: the repository's own index and
 * work tree are never read or written.
 */
async function withTreeIndex<T>(
  repo: GitRepo,
  tree: string,
  work: (indexed: GitRepo) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'patch-carrier-index-'))
  try {
    const indexed = repo.withEnv({ GIT_INDEX_FILE: join(dir, 'index') })
    await indexed.exec(['read-tree', tree])
    return await work(indexed)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const nulList = (paths: readonly string[]): string => paths.map((path) => `${path}\0`).join('')

/**
 * Writes the files of `tree` into `dest` (all of them, or only `paths`) as git stores them: links and
 * executable bits kept, no attribute applied. The work tree of this one command is `dest`.
 */
export async function checkoutFiles(
  repo: GitRepo,
  tree: string,
  dest: string,
  paths?: readonly string[],
): Promise<void> {
  await withTreeIndex(repo, tree, async (indexed) => {
    const which = paths ? ['-z', '--stdin'] : ['--all']
    await indexed.exec(['checkout-index', '--force', ...which], {
      env: { GIT_WORK_TREE: dest },
      cwd: dest,
      input: paths && nulList(paths),
    })
  })
}

/** The tree of `base` with one entry set (mode, blob, path) and `remove` taken out; returns its id. */
export function editTree(
  repo: GitRepo,
  base: string,
  set: { mode: string; blob: string; path: string },
  remove: readonly string[],
): Promise<string> {
  return withTreeIndex(repo, base, async (indexed) => {
    await indexed.exec(['update-index', '--add', '--cacheinfo', `${set.mode},${set.blob},${set.path}`])
    await indexed.exec(['update-index', '--force-remove', '-z', '--stdin'], { input: nulList(remove) })
    return indexed.read(['write-tree'])
  })
}

/**
 * Whether `patches`, applied in order to `base` with git's zero-fuzz apply, give `head`'s files within
 * `paths`. A patch that does not apply is a "no", not an error.
 */
export function patchesReproduce(
  repo: GitRepo,
  base: string,
  head: string,
  paths: readonly string[],
  patches: readonly string[],
): Promise<boolean> {
  return withTreeIndex(repo, base, async (indexed) => {
    for (const patch of patches) {
      const applied = await indexed.exec(['apply', '--cached', '--whitespace=nowarn', '-'], {
        input: patch,
        okCodes: [0, 1, 128],
      })
      if (applied.code !== 0) return false
    }
    const tree = await indexed.read(['write-tree'])
    const same = await repo.exec(['diff', '--quiet', tree, head, '--', ...paths], { okCodes: [0, 1] })
    return same.code === 0
  })
}

/**
 * The attributes `names` that the .gitattributes files of `tree` set on `paths` (as git archive reads
 * them: from the tree, not a work tree), by path; unspecified and unset ones are left out.
 */
export function treeAttributes(
  repo: GitRepo,
  tree: string,
  paths: readonly string[],
  names: readonly string[],
): Promise<Map<string, Set<string>>> {
  return withTreeIndex(repo, tree, async (indexed) => {
    const output = await indexed.read(['check-attr', '--cached', '-z', '--stdin', ...names], {
      input: nulList(paths),
    })
    const fields = output.split('\0')
    const found = new Map<string, Set<string>>()
    for (let i = 0; i + 2 < fields.length; i += 3) {
      const [path, name, value] = [fields[i]!, fields[i + 1]!, fields[i + 2]!]
      if (value === 'unspecified' || value === 'unset') continue
      found.set(path, new Set([...(found.get(path) ?? []), name]))
    }
    return found
  })
}
