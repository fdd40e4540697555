import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { initBorrowingRepo } from '../../git/object-store.js'
import type { GitRepo } from '../../git/repo.js'
import { CommandError, run } from '../../process/run.js'
import { withTempDir } from './temp.js'

const COMPRESSIONS = ['gz', 'xz', 'bz2', 'lzma', 'zst']

export interface PristineData {
  /** Commit of the pristine-tar branch, when the ref exists. */
  commit: string | undefined
  /** Tarball file names found, one per wanted stem (in order). */
  tarballs: string[]
  /** Stems with no data. */
  missing: string[]
  /** Every tarball the branch has data for. */
  available: string[]
}

/** Which of the wanted tarballs (`<stem>.tar.<compression>`) the pristine-tar branch can regenerate. */
export async function findPristineTarballs(
  repo: GitRepo,
  ref: string,
  stems: readonly string[],
): Promise<PristineData> {
  // the ref is this run's own (fetched): it cannot move between the two reads
  const [commit, listing] = await Promise.all([
    repo.resolve(`${ref}^{commit}`),
    repo.listTree(`${ref}^{commit}`),
  ])
  if (!commit) return { commit, tarballs: [], missing: [...stems], available: [] }
  const names = new Set(listing)
  const available = [...names].filter(
    (name) => name.endsWith('.id') && names.has(name.replace(/\.id$/, '.delta')),
  )
  const tarballs: string[] = []
  const missing: string[] = []
  for (const stem of stems) {
    const found = COMPRESSIONS.map((ext) => `${stem}.tar.${ext}`).find((name) =>
      available.includes(`${name}.id`),
    )
    if (found) tarballs.push(found)
    else missing.push(stem)
  }
  return { commit, tarballs, missing, available: available.map((name) => name.replace(/\.id$/, '')) }
}

/**
 * Runs `pristine-tar checkout` for each tarball. pristine-tar reads a branch named `pristine-tar`
 * (and gives up on several remote ones), so it runs in a throw-away bare repository that borrows the
 * objects of `repo` (alternates) and whose `pristine-tar` branch is the given commit: the repository's
 * own refs are not touched. pristine-tar unpacks the upstream tree and writes the tarball twice in a
 * temporary directory inside `tempParent` (default the system's).
 */
export async function pristineTarCheckout(
  repo: GitRepo,
  commit: string,
  tarballs: readonly string[],
  outDir: string,
  tempParent?: string,
): Promise<string[]> {
  const objects = await repo.objectsDir()
  return withTempDir('pristine-tar', (tmp) => checkoutIn(tmp, objects, commit, tarballs, outDir), tempParent)
}

async function checkoutIn(
  tmp: string,
  objects: string,
  commit: string,
  tarballs: readonly string[],
  outDir: string,
): Promise<string[]> {
  const gitDir = join(tmp, 'repo.git')
  await initBorrowingRepo(gitDir, objects, 'pristine-tar', commit)
  const files: string[] = []
  for (const tarball of tarballs) {
    const target = join(outDir, tarball)
    await rm(target, { force: true })
    try {
      // GIT_DIR: pristine-tar cannot tell the VCS of a bare repository otherwise.
      await run('pristine-tar', ['checkout', target], { cwd: tmp, env: { GIT_DIR: gitDir, TMPDIR: tmp } })
    } catch (error) {
      if (!(error instanceof CommandError)) throw error
      throw new Error(
        `pristine-tar could not regenerate ${tarball} (is the upstream commit it was made from fetched?): ${error.message}`,
        { cause: error },
      )
    }
    files.push(target)
  }
  return files
}
