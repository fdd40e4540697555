import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { initBareRepo } from './workspace.js'
import type { GitRepo } from './repo.js'

/** Whether a repository has at least one ref. */
export async function hasRefs(repo: GitRepo): Promise<boolean> {
  return (await repo.read(['for-each-ref', '--count=1', '--format=%(refname)'])) !== ''
}

/** A fresh bare repository at `dir` that never collects garbage by itself (a cache kept between runs). */
export async function initObjectStore(dir: string): Promise<GitRepo> {
  const repo = await initBareRepo(dir)
  await repo.exec(['config', 'gc.auto', '0'])
  return repo
}

/**
 * A fresh bare repository at `dir` that reads its objects from the object directory `objects` (alternates):
 * refs set in it change nothing in the repository that owns them.
 */
export async function initBorrowingRepo(dir: string, objects: string): Promise<GitRepo> {
  const repo = await initBareRepo(dir)
  await writeFile(join(dir, 'objects', 'info', 'alternates'), `${objects}\n`)
  return repo
}

/** Copies refs from the repository at `gitDir` on this machine (a local fetch: only missing objects move). */
export async function copyRefs(repo: GitRepo, gitDir: string, refspec: string): Promise<void> {
  await repo.exec([
    'fetch',
    '--quiet',
    '--no-tags',
    '--no-write-fetch-head',
    '--end-of-options',
    gitDir,
    refspec,
  ])
}
