import { join } from 'node:path'
import type { Settings } from '../action/settings.js'
import { listRemote, type RemoteRefs } from '../git/remote.js'
import { readBranchHistoryRetrying, type BranchHistory, type HistoryLimits } from '../git/history.js'
import { listRefs, openRefSession, type RefQuery, type RefSession } from '../git/ls-refs.js'
import { discoverArchive, type ArchiveDiscovery } from '../archive/discover.js'
import { compareVersions, matchesGlobs, resolveOrder, tagVersion } from '../versions/tags.js'
import { tagTarget } from '../git/tag-target.js'
import { describeTarget, movedTags, type MovedTag } from './odd-tags.js'
import { forkPrefixes, releaseTagPrefixes, upstreamPrefixes } from './ref-prefixes.js'

/** An upstream release tag with the version it stands for. */
export interface ReleaseTag {
  name: string
  commit: string
  version: string
}

export interface Discovery {
  upstream: RemoteRefs
  fork: RemoteRefs
  branch: string
  /** The fork branch sha read at the start: the lease for every push. */
  branchHead: string
  order: 'debian' | 'semver'
  /** The tag to be on: the newest matching one, or the explicit upstream-tag. */
  target: ReleaseTag
  /** The newest matching tag the branch contains. */
  previous: ReleaseTag
  upToDate: boolean
  /**
   * Commits of the branch, newest first, down to the previous tag's (read by the probe): a fetch of the
   * branch this deep holds the downstream commits and the tag. Unknown when discovery did not need it.
   */
  forkDepth?: number
  /** Set when upstream is a Debian archive: what was read from it (see archive/discover.ts). */
  archive?: ArchiveDiscovery
  /** Things the run should tell (a suite behind the branch, a tag passed by). */
  notes: string[]
}

/** Thrown for a state the user must fix (wrong branch, no tags); the message says what to do. */
export class DiscoveryError extends Error {
  override name = 'DiscoveryError'
}

/**
 * Finds the target and the previous upstream tag from refs and commit objects only:
 * ref listings of both repositories and a tree-less, shallow read of the branch history.
 * A branch already on the newest tag is told from the fewest bytes (see upToDateQuickly).
 */
export async function discover(settings: Settings, forkEnv: Record<string, string>): Promise<Discovery> {
  if (settings.upstreamArchive) return discoverArchive(settings, settings.upstreamArchive, forkEnv)
  // one session per remote for every listing: the quick look's and, when it cannot tell, the full ones
  const listings = openListings(settings, forkEnv)
  try {
    const quick = await upToDateQuickly(settings, forkEnv, listings)
    if (quick && 'discovery' in quick) return quick.discovery
    return await discoverFully(settings, forkEnv, listings, quick)
  } finally {
    await listings.close()
  }
}

async function discoverFully(
  settings: Settings,
  forkEnv: Record<string, string>,
  listings: Listings,
  quick: Exclude<QuickLook, { discovery: Discovery }> | undefined,
): Promise<Discovery> {
  const { upstream, fork } = await listBoth(settings, listings, quick)
  const { branch, branchHead } = forkBranch(settings, fork)

  const tagSource = upstream ?? fork
  const candidates = releaseTags(tagSource, settings)
  if (candidates.tags.length === 0) {
    throw new DiscoveryError(
      `No tag of ${settings.upstreamUrl ?? settings.remoteUrl} matches upstream-tags (${settings.upstreamTags.join(', ')}) and carries a version`,
    )
  }
  const chosen = chooseTarget(candidates.tags, tagSource, settings, candidates.order)

  // the fork's copies of the tags too: where the branch really is when upstream moved one since
  const tagCommits = new Set(
    candidates.tags.flatMap((tag) => [tag.commit, fork.tagCommits.get(tag.name) ?? tag.commit]),
  )
  const history = await readProbe(
    settings,
    branch,
    forkEnv,
    (commits) => commits.some((sha) => tagCommits.has(sha)),
    // the quick look's probe, unless the branch moved since
    quick?.probed?.head === branchHead ? { resume: true, startDepth: quick.probed.depth } : {},
  )
  const notes: string[] = []
  const { previous, move } = previousTag(settings, branch, candidates.tags, upstream && fork, history.commits)
  const target = await releaseTarget(chosen, candidates.tags, history.commits, settings, forkEnv, notes)
  if (move) {
    if (settings.mode === 'build' || target.name === move.name) throw movedTagError(move, branch)
    notes.push(
      `upstream moved tag ${move.name} after the fork carried it (the fork's copy: ${move.was.slice(0, 12)}, ` +
        `upstream's now: ${move.now.slice(0, 12)}): the downstream commits are those after ${move.was.slice(0, 12)}`,
    )
  }
  const upToDate = history.commits.includes(target.commit)
  return {
    upstream: tagSource,
    fork,
    branch,
    branchHead,
    order: candidates.order,
    target,
    previous,
    upToDate,
    forkDepth: history.commits.indexOf(previous.commit) + 1,
    notes,
  }
}

/** The listings of both remotes (upstream's only with upstream-url); after a quick look, what it lacked. */
async function listBoth(
  settings: Settings,
  listings: Listings,
  quick: Exclude<QuickLook, { discovery: Discovery }> | undefined,
): Promise<{ upstream?: RemoteRefs; fork: RemoteRefs }> {
  const [upstream, fork] = await Promise.all([
    settings.upstreamUrl
      ? listings.upstream({ prefixes: upstreamPrefixes(settings), peel: true })
      : undefined,
    // after a quick look only the fork's copies of the release tags are new
    quick
      ? listings.fork({ prefixes: releaseTagPrefixes(settings), peel: true }).then((tags) => ({
          ...quick.fork,
          refs: new Map([...quick.fork.refs, ...tags.refs]),
          tagCommits: tags.tagCommits,
        }))
      : listings.fork({ prefixes: forkPrefixes(settings, true), peel: true }),
  ])
  return { upstream, fork }
}

/**
 * The newest release tag the branch contains. `fork` (given when upstream is another repository): a tag
 * upstream moved after the fork carried it counts where the fork's copy is, and is returned as `move`.
 */
function previousTag(
  settings: Settings,
  branch: string,
  tags: readonly ReleaseTag[],
  fork: RemoteRefs | undefined,
  history: readonly string[],
): { previous: ReleaseTag; move?: MovedTag } {
  const moved = fork ? movedTags(tags, fork, history) : []
  const carried = tags.map((tag) => {
    const copy = moved.find((move) => move.name === tag.name)
    return copy ? { ...tag, commit: copy.was } : tag
  })
  const previous = nearestTag(history, carried)
  if (!previous) {
    throw new DiscoveryError(
      `Branch '${branch}' contains none of the upstream tags matching ${settings.upstreamTags.join(', ')}: ` +
        'is upstream-url the repository the fork was made from?',
    )
  }
  return { previous, move: moved.find((tag) => tag.name === previous.name) }
}

/**
 * What the quick look found: the whole discovery, or the fork's listing (branch and patch-carrier refs) and
 * how deep the probe went before it gave up, when it got that far.
 */
type QuickLook = { discovery: Discovery } | { fork: RemoteRefs; probed?: { depth: number; head: string } }

/** The two listings of a discovery, each over one session; a failure names the input. */
interface Listings {
  upstream(query: RefQuery): Promise<RemoteRefs>
  fork(query: RefQuery): Promise<RemoteRefs>
  close(): Promise<void>
}

function openListings(settings: Settings, forkEnv: Record<string, string>): Listings {
  const sessions: Promise<RefSession>[] = []
  const lister = (input: string, url: string, env: Record<string, string>) => {
    let session: Promise<RefSession> | undefined
    return async (query: RefQuery): Promise<RemoteRefs> => {
      try {
        if (!session) sessions.push((session = openRefSession(url, env)))
        return await (await session).list(query)
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error)
        throw new DiscoveryError(`Cannot read the refs of ${input} ${url}: ${detail}`, { cause: error })
      }
    }
  }
  return {
    upstream: lister('upstream-url', settings.upstreamUrl ?? '', {}),
    fork: lister('remote-url', settings.remoteUrl, forkEnv),
    close: async () => {
      const open = await Promise.allSettled(sessions)
      for (const result of open) if (result.status === 'fulfilled') await result.value.close()
    },
  }
}

/** How many releases before the target the quick look peels (a line of ~110 bytes each). */
const PEELED_BEFORE = 4

/**
 * A scheduled run that finds nothing new, from the fewest bytes: the names of the tags that can match
 * upstream-tags (unpeeled: half the bytes of a tag's line), the newest few peeled, the fork's branch and
 * patch-carrier refs, and a probe of a few commits that meets the newest tag's commit (or an older one's). Anything else (a branch
 * behind, pull request branches, build mode) is left to the full discovery, which resumes the probe.
 */
async function upToDateQuickly(
  settings: Settings,
  forkEnv: Record<string, string>,
  listings: Listings,
): Promise<QuickLook | undefined> {
  if (settings.mode === 'build' || !settings.upstreamUrl) return undefined
  const [names, fork] = await Promise.all([
    listings.upstream({ prefixes: releaseTagPrefixes(settings), peel: false }),
    listings.fork({ prefixes: forkPrefixes(settings, false), peel: false }),
  ])
  // pull request branches: the carrier reads the commits of every tag they name
  if ([...fork.refs.keys()].some((ref) => ref.startsWith('refs/heads/patch-carrier/'))) return { fork }
  const { branch, branchHead } = forkBranch(settings, fork)
  const unpeeled = new Map(
    [...names.refs].flatMap(([ref, oid]) => (ref.startsWith('refs/tags/') ? [[ref.slice(10), oid]] : [])),
  ) as Map<string, string>
  const candidates = releaseTags({ ...names, tagCommits: unpeeled }, settings)
  if (candidates.tags.length === 0) return { fork }
  const chosen = chooseTarget(candidates.tags, { ...names, tagCommits: unpeeled }, settings, candidates.order)
  // the target peeled, and the releases before it: a branch that is behind meets one of those first
  const newest = [chosen, ...candidates.tags.filter((tag) => tag !== chosen).slice(0, PEELED_BEFORE)]
  const peeled = await listings.upstream({
    prefixes: newest.map((tag) => `refs/tags/${tag.name}`),
    peel: true,
  })
  const commit = peeled.tagCommits.get(chosen.name)
  if (!commit) return { fork }
  // a lightweight tag is its commit already
  const tagged = new Set([
    ...candidates.tags.map((tag) => tag.commit),
    ...newest.flatMap((tag) => peeled.tagCommits.get(tag.name) ?? []),
  ])
  const history = await readProbe(
    settings,
    branch,
    forkEnv,
    (commits) => commits.some((sha) => sha === commit || tagged.has(sha)),
    { startDepth: 16, giveUpPast: 256 },
  )
  if (!history.commits.includes(commit)) return { fork, probed: { depth: history.depth, head: branchHead } }
  const target = { ...chosen, commit }
  const upstream = { refs: names.refs, tagCommits: new Map([[target.name, commit]]) }
  return {
    discovery: {
      upstream,
      fork,
      branch,
      branchHead,
      order: candidates.order,
      target,
      previous: target,
      upToDate: true,
      notes: [],
    },
  }
}

/** The probe of the fork branch (history.ts) in the run's probe directory; a failure names the branch. */
export function readProbe(
  settings: Settings,
  branch: string,
  forkEnv: Record<string, string>,
  enough: (commits: readonly string[]) => boolean,
  limits: HistoryLimits,
): Promise<BranchHistory> {
  const probe = { dir: join(settings.workDir, 'probe.git'), url: settings.remoteUrl, branch, env: forkEnv }
  return readBranchHistoryRetrying(probe, enough, limits, DiscoveryError)
}

/**
 * The target, unless its tag points to a tree or a blob (ls-remote cannot tell): such a tag is passed by
 * with a note, for the next newest, and refused when upstream-tag names it. A tag the branch already
 * contains is a commit: that costs no request.
 */
async function releaseTarget(
  chosen: ReleaseTag,
  newestFirst: readonly ReleaseTag[],
  history: readonly string[],
  settings: Settings,
  forkEnv: Record<string, string>,
  notes: string[],
): Promise<ReleaseTag> {
  const url = settings.upstreamUrl ?? settings.remoteUrl
  const env = settings.upstreamUrl ? {} : forkEnv
  const probeDir = join(settings.workDir, 'probe.git')
  for (let next = newestFirst.indexOf(chosen), tag = chosen; ; tag = newestFirst[++next]!) {
    if (history.includes(tag.commit)) return tag
    const target = await tagTarget(probeDir, url, env, tag.name).catch((error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error)
      throw new DiscoveryError(`Cannot read what tag ${tag.name} of ${url} points to: ${detail}`, {
        cause: error,
      })
    })
    if (target.type === 'commit') return tag
    const what = `points to ${describeTarget(target)}, not a commit`
    if (settings.upstreamTag)
      throw new DiscoveryError(`upstream-tag '${tag.name}' ${what}: name a release tag`)
    notes.push(`upstream tag ${tag.name} ${what}: passed by`)
    if (next + 1 >= newestFirst.length) {
      throw new DiscoveryError(
        `No tag of ${url} matching upstream-tags (${settings.upstreamTags.join(', ')}) points to a commit`,
      )
    }
  }
}

function movedTagError(move: MovedTag, branch: string): DiscoveryError {
  const [was, now] = [move.was.slice(0, 12), move.now.slice(0, 12)]
  return new DiscoveryError(
    `Upstream moved tag ${move.name} after the fork carried it: branch '${branch}' contains ${was} (the fork's ` +
      `copy of the tag), upstream's ${move.name} now points to ${now}. Nothing was changed: patch-carrier does ` +
      `not follow a moved tag by itself. Check why it moved; to take it, rebase by hand (git rebase --onto ${now} ` +
      `${was} ${branch}) and push the branch and the tag to the fork, or wait for the next release.`,
  )
}

/** The branch to carry (input or the fork's HEAD branch) and its head, which must exist. */
export function forkBranch(settings: Settings, fork: RemoteRefs): { branch: string; branchHead: string } {
  const branch = settings.branch ?? fork.headBranch
  if (!branch)
    throw new DiscoveryError(`The fork ${settings.remoteUrl} has no HEAD branch: set the 'branch' input`)
  const branchHead = fork.refs.get(`refs/heads/${branch}`)
  if (!branchHead)
    throw new DiscoveryError(`Branch '${branch}' does not exist on the fork ${settings.remoteUrl}`)
  return { branch, branchHead }
}

/**
 * A ref listing (every ref, or what `query` asks for) whose failure names the input, so a user knows which
 * of the two repositories failed.
 */
export async function listNamed(
  input: string,
  url: string,
  env: Record<string, string> = {},
  query?: RefQuery,
): Promise<RemoteRefs> {
  try {
    return query ? await listRefs(url, query, env) : await listRemote(url, env)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw new DiscoveryError(`Cannot read the refs of ${input} ${url}: ${detail}`, { cause: error })
  }
}

function releaseTags(
  refs: RemoteRefs,
  settings: Settings,
): { tags: ReleaseTag[]; order: 'debian' | 'semver' } {
  const names = [...refs.tagCommits.keys()].filter((name) => matchesGlobs(name, settings.upstreamTags))
  const order = resolveOrder(names, settings.versionOrder)
  const tags: ReleaseTag[] = []
  for (const name of names) {
    const version = tagVersion(name, order)
    if (version !== undefined) tags.push({ name, version, commit: refs.tagCommits.get(name)! })
  }
  tags.sort((a, b) => compareVersions(b.version, a.version, order) || a.name.localeCompare(b.name))
  return { tags, order }
}

function chooseTarget(
  tags: ReleaseTag[],
  refs: RemoteRefs,
  settings: Settings,
  order: 'debian' | 'semver',
): ReleaseTag {
  if (!settings.upstreamTag) return tags[0]!
  const commit = refs.tagCommits.get(settings.upstreamTag)
  if (!commit) throw new DiscoveryError(`upstream-tag '${settings.upstreamTag}' does not exist upstream`)
  const version = tagVersion(settings.upstreamTag, order)
  if (version === undefined)
    throw new DiscoveryError(`upstream-tag '${settings.upstreamTag}' carries no version`)
  return { name: settings.upstreamTag, commit, version }
}

/** The tag closest to the branch head (newest version first when several share a commit). */
function nearestTag(
  history: readonly string[],
  tagsNewestFirst: readonly ReleaseTag[],
): ReleaseTag | undefined {
  const byCommit = new Map<string, ReleaseTag>()
  for (const tag of tagsNewestFirst) if (!byCommit.has(tag.commit)) byCommit.set(tag.commit, tag)
  for (const sha of history) {
    const tag = byCommit.get(sha)
    if (tag) return tag
  }
  return undefined
}
