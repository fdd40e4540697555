import { mkdir } from 'node:fs/promises'
import { GitRepo } from './repo.js'

/** Commit shas of a fork branch, newest first, read without downloading trees or blobs. */
export interface BranchHistory {
  commits: string[]
  /** True when the whole history was read (not cut at a shallow boundary). */
  complete: boolean
}

const probeRef = 'refs/patch-carrier/probe'

/**
 * Reads a branch's commits with a shallow, tree-less fetch: refs and commit objects only.
 * It deepens to the whole history only when `enough` is not satisfied by the first slice.
 */
export async function readBranchHistory(
  probeDir: string,
  url: string,
  branch: string,
  enough: (commits: readonly string[]) => boolean,
  env: Record<string, string> = {},
): Promise<BranchHistory> {
  await mkdir(probeDir, { recursive: true })
  const repo = new GitRepo(probeDir, undefined, env)
  await repo.exec(['init', '--bare', '--quiet'])
  const refspec = `+refs/heads/${branch}:${probeRef}`
  const fetch = (extra: string[]) =>
    repo.exec([
      'fetch',
      '--quiet',
      '--no-tags',
      '--filter=tree:0',
      ...extra,
      '--end-of-options',
      url,
      refspec,
    ])
  await fetch(['--depth=64'])
  let commits = await revList(repo)
  const shallow = (await repo.read(['rev-parse', '--is-shallow-repository'])) === 'true'
  if (enough(commits) || !shallow) return { commits, complete: !shallow }
  await fetch(['--unshallow'])
  commits = await revList(repo)
  return { commits, complete: true }
}

async function revList(repo: GitRepo): Promise<string[]> {
  return (await repo.read(['rev-list', '--topo-order', probeRef])).split('\n').filter(Boolean)
}
