import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { initBareRepo } from './workspace.js'
import { GitRepo } from './repo.js'

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
 * A fresh bare repository at `dir` that reads its objects from the object directory `objects` (alternates),
 * with one branch, `branch` at `sha`: refs set in it change nothing in the repository that owns the objects.
 * Written file by file as git lays a repository out (gitrepository-layout(5)): no git process to wait for.
 */
export async function initBorrowingRepo(
  dir: string,
  objects: string,
  branch: string,
  sha: string,
): Promise<GitRepo> {
  if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(sha))
    throw new Error(`not an object id: ${JSON.stringify(sha)}`)
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(branch)) throw new Error(`not a plain branch name: ${branch}`)
  await rm(dir, { recursive: true, force: true })
  await mkdir(join(dir, 'objects', 'info'), { recursive: true })
  await mkdir(join(dir, 'refs', 'heads'), { recursive: true })
  await writeFile(join(dir, 'config'), '[core]\n\trepositoryformatversion = 0\n\tbare = true\n')
  await writeFile(join(dir, 'HEAD'), `ref: refs/heads/${branch}\n`)
  await writeFile(join(dir, 'objects', 'info', 'alternates'), `${objects}\n`)
  await writeFile(join(dir, 'refs', 'heads', branch), `${sha}\n`)
  return new GitRepo(dir)
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
