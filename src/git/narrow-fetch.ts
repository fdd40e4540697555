import { GitRepo } from './repo.js'
import { FORK_REMOTE, presentObjects, promisorEnv, UPSTREAM_REMOTE } from './objects.js'
import { pruneShallow, shallowCommits } from './shallow.js'
import { forkRef, initWorkRepo, upstreamRef } from './workspace.js'

export interface NarrowRequest {
  dir: string
  forkUrl: string
  forkEnv: Record<string, string>
  /** The fork branch (full ref name). */
  branchRef: string
  /** Commits of the branch, newest first, down to the base (the probe counted them): the fork's depth. */
  forkDepth: number
  /** The upstream commit the downstream commits sit on (the previous tag). */
  base: string
  upstreamUrl?: string
  /** Upstream's tag at `base`, when upstream still has it there: the server leaves out its history. */
  excludeTag?: string
  /** Upstream refs after the base (the target tag): fetched with their history down to the base. */
  newRefs: readonly string[]
  /** Upstream refs of which only the tip is needed (upstream/<v>, pristine-tar, the tag a build is on). */
  tipRefs: readonly string[]
  /**
   * Leave file contents out (`--filter=blob:none`): the run reads few files, fetched when needed. Without
   * it every commit fetched comes whole: what a package build, which reads whole trees, wants anyway.
   */
  filesOnDemand: boolean
  /** Says why history beyond the cheap fetch had to come too. */
  log: (line: string) => void
}

/** What the narrow fetch leaves: the repository, and the upstream commits the fork has below the new ones. */
export interface NarrowWorkspace {
  repo: GitRepo
  /** Commits the fork has for sure (the base, and the excluded parents fetched to close the history). */
  onFork: string[]
}

/**
 * A work repository with only the history a run needs, and no file contents yet (`--filter=blob:none`):
 * the branch down to the base, the upstream commits after the base, the tips of the other refs. Git
 * fetches a missing file from the remotes when a command needs it (promisorEnv); the pipeline fetches the
 * ones it knows it needs in batches (see fetch-stage.ts). Every commit pushed from here has its parents
 * here or on the fork, which already holds the base's history: the fork accepts the push.
 */
export async function prepareNarrowWorkspace(request: NarrowRequest): Promise<NarrowWorkspace> {
  // the remotes exist in the environment only (promisorEnv); as promisors when contents come on demand
  const remotes = promisorEnv(request.upstreamUrl, request.forkUrl, request.filesOnDemand)
  const repo = await initWorkRepo(request.dir, remotes)
  const fork = repo.withEnv(request.forkEnv)
  const branch = forkRef(request.branchRef)
  const filter = request.filesOnDemand ? ['--filter=blob:none'] : []
  // one commit deeper than the base: its parents (a DEP-14 tag's upstream/<v> import) are where new
  // upstream commits usually start from, and being here they need no fetch of their own
  await fetchRefs(fork, FORK_REMOTE, [request.branchRef], [...filter, `--depth=${request.forkDepth + 1}`])
  await completeDownstream(fork, branch, request, filter)
  if (!request.upstreamUrl) return { repo, onFork: [request.base] }
  let tips = request.tipRefs
  if (request.newRefs.length > 0 && request.excludeTag) {
    // the tips in the same request, when they are after the base or here (a tag at the base: its tag object)
    if (await fetchAfterBase(repo, request, [...request.newRefs, ...tips], filter, false)) tips = []
    else if (!(await fetchAfterBase(repo, request, request.newRefs, filter, true)))
      await fetchRefs(repo, UPSTREAM_REMOTE, request.newRefs, filter)
  } else if (request.newRefs.length > 0) await fetchRefs(repo, UPSTREAM_REMOTE, request.newRefs, filter)
  const onFork = await closeUpstreamHistory(repo, request, filter)
  if (tips.length > 0) {
    await fetchRefs(repo, UPSTREAM_REMOTE, tips, [...filter, '--depth=1'])
    await pruneShallow(repo)
  }
  return { repo, onFork }
}

async function fetchRefs(
  repo: GitRepo,
  remote: string,
  refs: readonly string[],
  extra: readonly string[],
): Promise<void> {
  const local = remote === FORK_REMOTE ? forkRef : upstreamRef
  await repo.exec([
    'fetch',
    '--quiet',
    '--no-tags',
    ...extra,
    remote,
    ...refs.map((ref) => `+${ref}:${local(ref)}`),
  ])
}

/**
 * Deepens the branch until no downstream commit is cut from its parents: a commit based on something
 * older than the base (a merge, a branch started before the tag) needs those parents to be replayed.
 */
async function completeDownstream(
  fork: GitRepo,
  branch: string,
  request: NarrowRequest,
  filter: readonly string[],
): Promise<void> {
  let deepen = Math.max(16, request.forkDepth)
  for (let round = 0; ; round++) {
    const cut = await cutDownstream(fork, branch, request.base)
    if (cut.length === 0) return
    if (round === 8) {
      request.log(`The fork's branch needs more history than its last ${deepen} commits: fetching all of it`)
      await fetchRefs(fork, FORK_REMOTE, [request.branchRef], [...filter, '--unshallow'])
      return
    }
    request.log(
      `Downstream commit ${cut[0]!.slice(0, 12)} sits on history older than the previous tag: ` +
        `fetching ${deepen} more commits of the fork's branch`,
    )
    await fetchRefs(fork, FORK_REMOTE, [request.branchRef], [...filter, `--deepen=${deepen}`])
    deepen *= 2
  }
}

/** Commits of base..branch whose parents the shallow history cut off (the branch head while the base is not here). */
async function cutDownstream(repo: GitRepo, branch: string, base: string): Promise<string[]> {
  const shallow = new Set(await shallowCommits(repo))
  if (shallow.size === 0) return []
  // never walk to a commit that is not here: git would fetch it, with all of its history
  if (!(await presentObjects(repo, [base])).has(base)) return [await repo.read(['rev-parse', branch])]
  return (await range(repo, [branch], [base])).filter((sha) => shallow.has(sha))
}

async function range(repo: GitRepo, tips: readonly string[], exclude: readonly string[]): Promise<string[]> {
  const listing = await repo.read(['rev-list', ...tips, '--not', ...exclude])
  return listing.split('\n').filter(Boolean)
}

/**
 * Fetches upstream refs without the history the fork already has (`--shallow-exclude` of the previous
 * tag). False when the server cannot, or when a ref is in that history and not here: then the caller
 * fetches otherwise (and, with `say`, the log tells why).
 */
async function fetchAfterBase(
  repo: GitRepo,
  request: NarrowRequest,
  refs: readonly string[],
  filter: readonly string[],
  say: boolean,
): Promise<boolean> {
  const result = await repo.exec(
    [
      'fetch',
      '--quiet',
      '--no-tags',
      ...filter,
      `--shallow-exclude=refs/tags/${request.excludeTag}`,
      UPSTREAM_REMOTE,
      ...refs.map((ref) => `+${ref}:${upstreamRef(ref)}`),
    ],
    { okCodes: [0, 1, 128] },
  )
  if (result.code === 0) return true
  if (say) {
    request.log(
      `Upstream could not leave out the history before ${request.excludeTag} ` +
        `(${result.stderr.trim().split('\n').at(-1) ?? ''}): fetching by negotiation instead`,
    )
  }
  return false
}

/**
 * Makes every upstream commit after the base whole: a fetch that excludes history cuts each commit with an
 * excluded parent, and a merge loses its other parents too. An excluded parent is on the fork (it is in the
 * base's history), so only that commit comes, as a tip, for the push to name it; a merge's other parents
 * come with their history after the base. Returns the commits known to be on the fork.
 */
async function closeUpstreamHistory(
  repo: GitRepo,
  request: NarrowRequest,
  filter: readonly string[],
): Promise<string[]> {
  const onFork = new Set([request.base])
  const tips = request.newRefs.map(upstreamRef)
  for (let round = 0; round < 32; round++) {
    const marked = await pruneShallow(repo)
    if (tips.length === 0) return [...onFork]
    // only commits after the base: the rest of the base's history is on the fork
    const after = new Set(await range(repo, tips, [request.base]))
    const cut = [...marked].filter(([sha]) => after.has(sha) && !onFork.has(sha))
    if (cut.length === 0) return [...onFork]
    const excluded: string[] = []
    for (const [sha, parents] of cut) {
      if (parents.length === 1 && (await recordedParentCount(repo, sha)) === 1) {
        excluded.push(parents[0]!)
        continue
      }
      for (const parent of parents) {
        if (!(await fetchOidAfterBase(repo, request, parent, filter))) excluded.push(parent)
      }
    }
    if (excluded.length > 0) {
      // with their files (not filtered): a push sends what of them the fork's branch does not hold
      await repo.exec([
        'fetch',
        '--quiet',
        '--no-tags',
        '--no-write-fetch-head',
        '--no-filter',
        '--depth=1',
        UPSTREAM_REMOTE,
        ...excluded,
      ])
      for (const sha of excluded) onFork.add(sha)
    }
  }
  throw new Error('the upstream history after the previous tag did not close after 32 rounds')
}

async function recordedParentCount(repo: GitRepo, sha: string): Promise<number> {
  const raw = await repo.read(['cat-file', 'commit', sha])
  const end = raw.indexOf('\n\n')
  return (end < 0 ? raw : raw.slice(0, end)).split('\n').filter((line) => line.startsWith('parent ')).length
}

/** A merge's parent with its history after the base; false when it is in the base's history itself. */
async function fetchOidAfterBase(
  repo: GitRepo,
  request: NarrowRequest,
  oid: string,
  filter: readonly string[],
): Promise<boolean> {
  if (!request.excludeTag) return false
  const result = await repo.exec(
    [
      'fetch',
      '--quiet',
      '--no-tags',
      ...filter,
      '--no-write-fetch-head',
      `--shallow-exclude=refs/tags/${request.excludeTag}`,
      UPSTREAM_REMOTE,
      oid,
    ],
    { okCodes: [0, 1, 128] },
  )
  if (result.code === 0) {
    request.log(`Upstream merged history that started before ${request.excludeTag}: fetched it from there on`)
    return true
  }
  if (/no commits selected/.test(result.stderr)) return false
  throw new Error(`git fetch of ${oid} failed: ${result.stderr.trim()}`)
}
