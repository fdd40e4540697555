import { lstat, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { commitDate } from './commit-tree.js'
import type { GitRepo, Identity } from './repo.js'
import { identityEnv, LINK_MODE } from './repo.js'
import type { CommitInfo, ConflictFile, MergeResolver, RebaseResult } from './rebase-types.js'
import { conflictRegions } from './conflict-hunks.js'
import { diskLinks, resolveInTree } from './tree-links.js'

export interface RebaseRequest {
  /** A repository with a work tree; its state is replaced, and it becomes a sparse checkout. */
  repo: GitRepo
  /** The new upstream commit to rebase onto. */
  onto: string
  /** The upstream commit the downstream commits were based on. */
  base: string
  /** The fork branch head. */
  head: string
  committer: Identity
  /** Merges for files whose conflicts are not real (series, changelog). */
  resolvers: readonly MergeResolver[]
}

/** Lists the downstream commits base..head (touching `paths`, when given), oldest first, merges left out. */
export async function downstreamCommits(
  repo: GitRepo,
  base: string,
  head: string,
  paths: readonly string[] = [],
): Promise<CommitInfo[]> {
  const out = await repo.read([
    'log',
    '--reverse',
    '--topo-order',
    '--no-merges',
    '--format=%H%x09%s',
    `${base}..${head}`,
    '--',
    ...paths,
  ])
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t')
      return { sha: line.slice(0, tab), subject: line.slice(tab + 1) }
    })
}

/**
 * Replays base..head onto `onto`, one commit at a time, resolving series/changelog conflicts with
 * the resolvers and dropping commits whose change upstream already has. Rebased commits keep their
 * author and committer date, so the same inputs always give the same shas.
 *
 * The work tree holds only the top-level files (a cone-mode sparse checkout): the merges run in the
 * index, and git writes out just the files it cannot merge, which is all the resolvers and the conflict
 * report read. A package's thousands of upstream files are never written.
 */
export async function rebaseDownstream(request: RebaseRequest): Promise<RebaseResult> {
  const { repo, onto } = request
  const commits = await downstreamCommits(repo, request.base, request.head)
  await repo.exec(['sparse-checkout', 'set', '--cone'])
  await repo.exec(['checkout', '--quiet', '--force', '--detach', onto])
  await repo.exec(['clean', '-fdxq'])
  const carried: CommitInfo[] = []
  const dropped: CommitInfo[] = []
  for (const [index, commit] of commits.entries()) {
    const step = await applyCommit(request, commit)
    if (step.kind === 'conflict') {
      await repo.exec(['cherry-pick', '--quit'], { okCodes: [0, 128] })
      await repo.exec(['reset', '--quiet', '--hard', 'HEAD'])
      return {
        kind: 'conflict',
        failed: { kind: 'commit', commit },
        files: step.files,
        head: await repo.read(['rev-parse', 'HEAD']),
        carried,
        dropped,
        remaining: commits.slice(index + 1),
      }
    }
    if (step.kind === 'empty') dropped.push(commit)
    else carried.push({ sha: step.sha, subject: commit.subject })
  }
  return { kind: 'clean', head: await repo.read(['rev-parse', 'HEAD']), carried, dropped }
}

type StepResult =
  { kind: 'applied'; sha: string } | { kind: 'empty' } | { kind: 'conflict'; files: ConflictFile[] }

async function applyCommit(request: RebaseRequest, commit: CommitInfo): Promise<StepResult> {
  const { repo } = request
  const pick = await repo.exec(['cherry-pick', '--no-commit', '--allow-empty', commit.sha], {
    okCodes: [0, 1],
  })
  if (pick.code !== 0) {
    const unresolved = await resolveConflicts(repo, request.resolvers)
    if (unresolved.length > 0) return { kind: 'conflict', files: unresolved }
  }
  const staged = await repo.exec(['diff', '--cached', '--quiet', 'HEAD'], { okCodes: [0, 1] })
  if (staged.code === 0) {
    await repo.exec(['reset', '--quiet', '--hard', 'HEAD'])
    await repo.exec(['cherry-pick', '--quit'], { okCodes: [0, 128] })
    return { kind: 'empty' }
  }
  const date = await commitDate(repo, commit.sha)
  const committer = identityEnv(request.committer)
  await repo.exec(
    ['commit', '--quiet', '--no-verify', '--allow-empty-message', '--reuse-message', commit.sha],
    {
      env: {
        GIT_COMMITTER_NAME: committer.GIT_COMMITTER_NAME!,
        GIT_COMMITTER_EMAIL: committer.GIT_COMMITTER_EMAIL!,
        GIT_COMMITTER_DATE: date,
      },
    },
  )
  await repo.exec(['cherry-pick', '--quit'], { okCodes: [0, 128] })
  return { kind: 'applied', sha: await repo.read(['rev-parse', 'HEAD']) }
}

/** Resolves what the resolvers can; returns the files that stay in conflict. */
async function resolveConflicts(repo: GitRepo, resolvers: readonly MergeResolver[]): Promise<ConflictFile[]> {
  const paths = (await repo.read(['diff', '--name-only', '-z', '--diff-filter=U']))
    .split('\0')
    .filter(Boolean)
  const unresolved: ConflictFile[] = []
  for (const path of paths) {
    const resolver = resolvers.find((candidate) => candidate.matches(path))
    // a symbolic link on any side is no text to merge, and the file would be written through it
    if (resolver && !(await linkOnAnySide(repo, path)) && (await isPlainPath(repo.workTree!, path))) {
      const [base, ours, theirs] = await Promise.all(
        [1, 2, 3].map((stage) => repo.readFile(`:${stage}`, path)),
      )
      const merged = await resolver.resolve(base, ours, theirs)
      if (!merged.conflict) {
        const file = join(repo.workTree!, path)
        await mkdir(dirname(file), { recursive: true })
        await rm(file, { force: true })
        await writeFile(file, merged.text, { flag: 'wx' })
        // --sparse: the path may lie outside the sparse checkout (git wrote it out for the conflict)
        await repo.exec(['add', '--sparse', '--', path])
        continue
      }
    }
    unresolved.push({ path, hunks: await conflictHunksOf(repo, path) })
  }
  return unresolved
}

/** Whether the merge has a symbolic link at `path` on any of its sides. */
async function linkOnAnySide(repo: GitRepo, path: string): Promise<boolean> {
  const stages = await repo.read(['--literal-pathspecs', 'ls-files', '-u', '-z', '--', path])
  return stages.split('\0').some((line) => line.startsWith(`${LINK_MODE} `))
}

/** Whether `path` in the work tree is reached without any symbolic link (its own name included). */
async function isPlainPath(workTree: string, path: string): Promise<boolean> {
  const real = await resolveInTree(diskLinks(workTree), path).catch(() => undefined)
  return real === path && !(await lstat(join(workTree, path)).catch(() => undefined))?.isSymbolicLink()
}

async function conflictHunksOf(repo: GitRepo, path: string): Promise<string> {
  try {
    // never read through a link: it may lead to any file of the runner
    if (!(await isPlainPath(repo.workTree!, path))) return '(a symbolic link, or a path through one)'
    return conflictRegions(await readFile(join(repo.workTree!, path), 'utf8'))
  } catch {
    return '' // deleted on one side: the file name says it all
  }
}
