import { access, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { GitRepo } from './repo.js'
import { retryAfterStaleLock } from './stale-lock.js'

/** Commit shas of a fork branch, newest first, read without downloading trees or blobs. */
export interface BranchHistory {
  commits: string[]
  /** True when the whole history was read (not cut at a shallow boundary). */
  complete: boolean
  /** How deep the probe has fetched: where a later call of the same run resumes. */
  depth: number
}

/** How far a history read goes (see readBranchHistory). */
export interface HistoryLimits {
  startDepth?: number
  giveUpPast?: number
  resume?: boolean
}

const probeRef = 'refs/patch-carrier/probe'

/**
 * Reads a branch's commits with a shallow, tree-less fetch: refs and commit objects only.
 * It deepens (eight times as deep each round trip) until `enough` is satisfied, and reads the whole history
 * only past 4,096 commits; with `giveUpPast` it stops unsatisfied once that many commits are read. A later
 * call on the same directory of the same run goes on from there with `resume` (its `startDepth`: the depth
 * the first one reached).
 */
export async function readBranchHistory(
  probeDir: string,
  url: string,
  branch: string,
  enough: (commits: readonly string[]) => boolean,
  env: Record<string, string> = {},
  limits: HistoryLimits = {},
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
  // Deepen in growing steps: a fork carrying many commits costs a few more round trips, not the history;
  // a round trip costs more than the commit objects it brings (a few hundred bytes each), so steps are large.
  let depth = limits.startDepth ?? 64
  // resume: this run's earlier call fetched `depth` commits already (never a directory an older run left)
  if (!limits.resume) await fetch([`--depth=${depth}`])
  for (;;) {
    const commits = await revList(repo)
    const shallow = await isShallow(probeDir)
    if (enough(commits) || !shallow) return { commits, complete: !shallow, depth }
    if (limits.giveUpPast !== undefined && depth >= limits.giveUpPast)
      return { commits, complete: false, depth }
    if (depth >= 4096) break
    await fetch([`--deepen=${7 * depth}`])
    depth *= 8
  }
  await fetch(['--unshallow'])
  const commits = await revList(repo)
  return { commits, complete: true, depth: commits.length }
}

/** Where a history probe reads: its scratch repository, the remote (the fork: input remote-url) and branch. */
interface HistoryProbe {
  /** A scratch repository: removed and made again when a killed run left a stale lock in it. */
  dir: string
  url: string
  branch: string
  env?: Record<string, string>
}

/**
 * readBranchHistory in the probe's scratch repository, run once more from scratch after a stale lock
 * (stale-lock.ts). A failure is thrown as `failure` (default Error) with a message that names the branch
 * and remote-url, the original error as its cause.
 */
export async function readBranchHistoryRetrying(
  probe: HistoryProbe,
  enough: (commits: readonly string[]) => boolean,
  limits: HistoryLimits = {},
  failure: new (message: string, options: { cause: unknown }) => Error = Error,
): Promise<BranchHistory> {
  try {
    return await retryAfterStaleLock(probe.dir, () =>
      readBranchHistory(probe.dir, probe.url, probe.branch, enough, probe.env, limits),
    )
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw new failure(`Cannot read the history of branch '${probe.branch}' from remote-url: ${detail}`, {
      cause: error,
    })
  }
}

/** What `git rev-parse --is-shallow-repository` answers, without a process: a shallow repository has the file. */
const isShallow = (gitDir: string): Promise<boolean> =>
  access(join(gitDir, 'shallow')).then(
    () => true,
    () => false,
  )

async function revList(repo: GitRepo): Promise<string[]> {
  return (await repo.read(['rev-list', '--topo-order', probeRef])).split('\n').filter(Boolean)
}
