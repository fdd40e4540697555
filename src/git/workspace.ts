import { appendFile, mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { GitRepo } from './repo.js'
import { borrowObjects } from './alternates.js'

/** Where refs fetched from each remote live in the work repository. */
export const upstreamRef = (ref: string): string =>
  `refs/patch-carrier/upstream/${ref.replace(/^refs\//, '')}`
export const forkRef = (ref: string): string => `refs/patch-carrier/fork/${ref.replace(/^refs\//, '')}`

export interface WorkspaceRequest {
  dir: string
  forkUrl: string
  forkEnv: Record<string, string>
  /** Full ref names on the fork to fetch (the branch, patch-carrier branches). */
  forkRefs: readonly string[]
  upstreamUrl?: string
  /** Full ref names on upstream to fetch (target and previous tag, upstream/<v>, pristine-tar). */
  upstreamRefs: readonly string[]
  /** A bare repository (the cache) whose objects to borrow: the fetches then send only what is new. */
  borrowObjectsFrom?: string
}

/**
 * A fresh repository with a work tree holding exactly the refs a run needs, under
 * refs/patch-carrier/{upstream,fork}/…; upstream first, so the fork fetch sends only downstream objects.
 */
export async function prepareWorkspace(request: WorkspaceRequest): Promise<GitRepo> {
  const repo = await initWorkRepo(request.dir)
  if (request.borrowObjectsFrom) await borrowObjects(repo.gitDir, request.borrowObjectsFrom)
  if (request.upstreamUrl && request.upstreamRefs.length > 0) {
    await repo.exec([
      'fetch',
      '--quiet',
      '--no-tags',
      '--end-of-options',
      request.upstreamUrl,
      ...request.upstreamRefs.map((ref) => `+${ref}:${upstreamRef(ref)}`),
    ])
  }
  if (request.forkRefs.length > 0) {
    await repo
      .withEnv(request.forkEnv)
      .exec([
        'fetch',
        '--quiet',
        '--no-tags',
        '--end-of-options',
        request.forkUrl,
        ...request.forkRefs.map((ref) => `+${ref}:${forkRef(ref)}`),
      ])
  }
  return repo
}

/**
 * A run-private repository: no background gc, no detached-HEAD advice noise. Appended to the new config
 * file as `git config` would write it: one file write instead of four processes.
 */
const privateRepoConfig = [
  ...['[gc]', '\tauto = 0', '[maintenance]', '\tauto = false'],
  ...['[advice]', '\tdetachedHead = false', '[core]', '\tautocrlf = false', ''],
].join('\n')

/** A fresh, empty repository with a work tree at `dir` (whatever was there is removed). */
export async function initWorkRepo(dir: string, env: Record<string, string> = {}): Promise<GitRepo> {
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  const repo = new GitRepo(join(dir, '.git'), dir, env)
  await repo.exec(['init', '--quiet'])
  await appendFile(join(repo.gitDir, 'config'), privateRepoConfig)
  return repo
}

/** A fresh, empty bare repository at `dir` (whatever was there is removed). */
export async function initBareRepo(dir: string, env: Record<string, string> = {}): Promise<GitRepo> {
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  const repo = new GitRepo(dir, undefined, env)
  await repo.exec(['init', '--bare', '--quiet'])
  return repo
}
