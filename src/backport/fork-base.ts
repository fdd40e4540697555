import { join } from 'node:path'
import { readBranchHistory } from '../git/history.js'
import { retryAfterStaleLock } from '../git/stale-lock.js'
import { DiscoveryError, type ReleaseTag } from '../pipeline/discover.js'
import type { Settings } from '../action/settings.js'
import { compareVersions, tagVersion } from '../versions/tags.js'
import type { BackportDiscovery } from './discover.js'

/**
 * The upstream tag the pinned fork is on: the nearest tag of upstream-url in the branch's history (any
 * tag with a version, since upstream-tags selects the watched line, not the fork's). Builds start from it:
 * its version before the suffix, its orig tarballs. Commit objects only, no trees.
 */
export async function forkBaseTag(
  settings: Settings,
  discovery: BackportDiscovery,
  forkEnv: Record<string, string>,
): Promise<ReleaseTag> {
  const { upstream, order } = discovery
  const byCommit = new Map<string, ReleaseTag>()
  const tags = [...upstream.tagCommits].flatMap(([name, commit]) => {
    const version = tagVersion(name, order)
    return version === undefined ? [] : [{ name, commit, version }]
  })
  // newest version first, so of several tags on one commit the newest names it
  tags.sort((a, b) => compareVersions(b.version, a.version, order) || (a.name < b.name ? -1 : 1))
  for (const tag of tags) if (!byCommit.has(tag.commit)) byCommit.set(tag.commit, tag)
  const probeDir = join(settings.workDir, 'probe.git')
  const history = await retryAfterStaleLock(probeDir, () =>
    readBranchHistory(
      probeDir,
      settings.remoteUrl,
      discovery.branch,
      (commits) => commits.some((sha) => byCommit.has(sha)),
      forkEnv,
    ),
  )
  for (const sha of history.commits) {
    const tag = byCommit.get(sha)
    if (tag) return tag
  }
  throw new DiscoveryError(
    `Branch '${discovery.branch}' contains no tag of upstream-url: a pinned fork must be based on one ` +
      '(its version and orig tarballs are what the backports are built on)',
  )
}
