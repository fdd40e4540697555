import { join } from 'node:path'
import { prepareWorkspace } from '../git/workspace.js'
import type { RunReport } from '../pipeline/report.js'
import type { Settings } from '../action/settings.js'
import type { BackportDiscovery } from './discover.js'
import { materialiseSources } from './archive-sources.js'
import { versionPatches } from './source-patches.js'
import type { VersionPort } from './verdicts.js'

/**
 * `mode: check` of a pinned fork: which versions a backport run would take and the patches each adds or
 * changes, with their CVE ids. Nothing on the fork changes.
 */
export async function checkBackport(
  settings: Settings,
  discovery: BackportDiscovery,
  report: RunReport,
  time: <T>(stage: string, work: () => Promise<T>) => Promise<T>,
  forkEnv: Record<string, string>,
): Promise<RunReport> {
  const tags = [discovery.start, ...discovery.pending]
  const archive = discovery.archive !== undefined
  const repo = await time('Fetch', async () => {
    const repo = await prepareWorkspace({
      dir: join(settings.workDir, 'repo'),
      forkUrl: settings.remoteUrl,
      forkEnv,
      // an archive version an earlier run kept is on the fork; the others are downloaded
      forkRefs: archive
        ? tags.filter((tag) => tag.commit).map((tag) => `refs/tags/patch-carrier/${tag.tag}`)
        : [],
      upstreamUrl: settings.upstreamUrl,
      upstreamRefs: archive ? [] : [...new Set(tags.map((tag) => `refs/tags/${tag.tag}`))],
    })
    await materialiseSources(repo, discovery, settings.workDir)
    return repo
  })
  const versions: VersionPort[] = []
  for (let i = 1; i < tags.length; i++) {
    const [previous, next] = [tags[i - 1]!, tags[i]!]
    const found = await versionPatches(
      (revision, path) => repo.readFile(revision, path),
      previous.commit,
      next.commit,
    )
    versions.push({
      version: next.version,
      tag: next.tag,
      previous: { version: previous.version, tag: previous.tag },
      verdicts: [],
      cves: found.cves,
    })
    report.notes.push(
      `${next.version} would bring ${found.patches.map((patch) => `${patch.name} (${patch.change}${patch.cves.length > 0 ? `, ${patch.cves.join(', ')}` : ''})`).join(', ') || 'no new patch'}`,
      ...found.notes.map((note) => `${next.version}: ${note}`),
    )
  }
  report.backport!.versions = versions
  report.result = 'update-available'
  return report
}
