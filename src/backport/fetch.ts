import { join } from 'node:path'
import { requireFetched } from '../git/fetch-refs.js'
import type { GitRepo } from '../git/repo.js'
import { prepareWorkspace } from '../git/workspace.js'
import type { ReleaseTag } from '../pipeline/discover.js'
import { upstreamDataRefs } from '../pipeline/upstream-data.js'
import type { Settings } from '../action/settings.js'
import type { BackportDiscovery } from './discover.js'
import { backportBranch } from './records.js'

/** One work repository: the fork branch and its backport branches, the source versions the port reads. */
export async function fetchForPort(
  settings: Settings,
  discovery: BackportDiscovery,
  base: ReleaseTag,
  forkEnv: Record<string, string>,
): Promise<GitRepo> {
  const data = upstreamDataRefs(discovery.upstream, base, discovery.order)
  const sources = [discovery.start, ...discovery.pending]
  // archive versions kept by earlier runs come from the fork, git tags of the watched line from upstream
  const kept = discovery.archive
    ? sources.filter((source) => source.commit).map((source) => `refs/tags/patch-carrier/${source.tag}`)
    : []
  const tags = discovery.archive ? [] : sources.map((source) => source.tag)
  const repo = await prepareWorkspace({
    dir: join(settings.workDir, 'repo'),
    forkUrl: settings.remoteUrl,
    forkEnv,
    forkRefs: [
      `refs/heads/${discovery.branch}`,
      ...[...discovery.branches.keys()].map((version) => `refs/heads/${backportBranch(version)}`),
      ...kept,
    ],
    upstreamUrl: settings.upstreamUrl,
    upstreamRefs: [...new Set([base.name, ...tags].map((tag) => `refs/tags/${tag}`).concat(data.fetch))],
  })
  await requireFetched(repo, discovery.branchHead, `Branch '${discovery.branch}'`)
  return repo
}
