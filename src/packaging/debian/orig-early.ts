import { cachedOrigTarballs, type CachedOrig } from '../../cache/orig.js'
import type { GitRepo } from '../../git/repo.js'
import type { ReleaseTag } from '../../pipeline/discover.js'
import type { Settings } from '../../action/settings.js'
import { upstreamVersionOf } from '../../versions/dpkg.js'
import type { BuildRequest, EarlyRequest, EarlyWork } from '../packager.js'
import { debianBaseVersion } from './base-version.js'
import { parseChangelog } from './changelog.js'

/** What names a package's orig tarballs. */
export const origKey = (source: string, upstreamVersion: string): string => `${source}_${upstreamVersion}`

export interface OrigJob {
  repo: GitRepo
  source: string
  upstreamVersion: string
  upstreamTag: ReleaseTag
  upstreamData: BuildRequest['upstreamData']
  settings: Settings
  outDir: string
  origCacheDir?: string
}

/** The orig tarballs of one package version: from the cache, pristine-tar or git archive. */
export function makeOrig(job: OrigJob): Promise<CachedOrig> {
  return cachedOrigTarballs(job.origCacheDir, {
    repo: job.repo,
    source: job.source,
    upstreamVersion: job.upstreamVersion,
    components: job.settings.origComponents,
    mode: job.settings.origSource,
    pristineTarRef: job.upstreamData.pristineTar,
    upstreamRevision: job.upstreamData.upstreamTree ?? job.upstreamTag.commit,
    outDir: job.outDir,
    // the scratch directory: in memory when there is room (see pipeline/scratch.ts)
    tempDir: job.outDir,
  })
}

/**
 * The orig tarballs, started before the rebase ends: they depend on the upstream tag and the package
 * name only, and making them (pristine-tar, compression) is the longest step of a build. The name comes
 * from the branch head before the rebase; the build checks it against the rebased head's.
 */
export async function startOrigEarly(request: EarlyRequest): Promise<EarlyWork | undefined> {
  const started = Date.now()
  try {
    const { repo, hint } = request
    const [formatFile, changelog] = await Promise.all([
      repo.readFile(hint, 'debian/source/format'),
      repo.readFile(hint, 'debian/changelog'),
    ])
    if (formatFile?.trim() === '3.0 (native)') return undefined
    const source = parseChangelog(changelog ?? '')[0]?.source
    if (!source) return undefined
    const upstreamVersion = upstreamVersionOf(debianBaseVersion(request.upstreamTag, false))
    const orig = await makeOrig({ ...request, source, upstreamVersion, outDir: request.scratchDir })
    return { key: origKey(source, upstreamVersion), orig, seconds: (Date.now() - started) / 1000 }
  } catch (error) {
    request.log(
      `Orig tarballs could not be made alongside the rebase (${error instanceof Error ? error.message : String(error)}); ` +
        'the build makes them itself',
    )
    return undefined
  }
}
