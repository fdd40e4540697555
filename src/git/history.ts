import { mkdir } from 'node:fs/promises'
import { GitRepo } from './repo.js'

/** Commit shas of a fork branch, newest first, read without downloading trees or blobs. */
export interface BranchHistory {
  commits: string[]
  /** True when the whole history was read (not cut at a shallow boundary). */
  complete: boolean
  /** How deep the probe has fetched: where a later call of the same run resumes. */
  depth: number
}

const probeRef = 'refs/patch-carrier/probe'

/**
 * Reads a branch's commits with a shallow, tree-less fetch: refs and commit objects only.
 * It deepens (doubling) until `enough` is satisfied, and reads the whole history only past 8k commits;
 * with `giveUpPast` it stops unsatisfied once that many commits are read. A later call on the same directory
 * of the same run goes on from there with `resume` (its `startDepth`: the depth the first one reached).
 */
export async function readBranchHistory(
  probeDir: string,
  url: string,
  branch: string,
  enough: (commits: readonly string[]) => boolean,
  env: Record<string, string> = {},
  limits: { startDepth?: number; giveUpPast?: number; resume?: boolean } = {},
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
  // Deepen in growing steps: a fork carrying many commits costs a few more round trips, not the history.
  let depth = limits.startDepth ?? 64
  // resume: this run's earlier call fetched `depth` commits already (never a directory an older run left)
  if (!limits.resume) await fetch([`--depth=${depth}`])
  for (;;) {
    const commits = await revList(repo)
    const shallow = (await repo.read(['rev-parse', '--is-shallow-repository'])) === 'true'
    if (enough(commits) || !shallow) return { commits, complete: !shallow, depth }
    if (limits.giveUpPast !== undefined && depth >= limits.giveUpPast)
      return { commits, complete: false, depth }
    if (depth >= 4096) break
    await fetch([`--deepen=${depth}`])
    depth *= 2
  }
  await fetch(['--unshallow'])
  const commits = await revList(repo)
  return { commits, complete: true, depth: commits.length }
}

async function revList(repo: GitRepo): Promise<string[]> {
  return (await repo.read(['rev-list', '--topo-order', probeRef])).split('\n').filter(Boolean)
}
