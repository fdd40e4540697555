import { takeFromArchive, type TakenSource } from '../archive/take.js'
import type { GitRepo } from '../git/repo.js'
import { requireTools } from '../process/run.js'
import type { Discovery, ReleaseTag } from './discover.js'
import type { RunReport, stageTimer } from './report.js'

/**
 * With an archive upstream: the version the run builds on, downloaded and verified, imported into the
 * work repository when the fork does not have it yet. Its provenance goes into the report.
 */
export async function takeArchiveRelease(
  repo: GitRepo,
  discovery: Discovery,
  tag: ReleaseTag,
  scratchDir: string,
  report: RunReport,
  time: ReturnType<typeof stageTimer>,
): Promise<TakenSource | undefined> {
  const archive = discovery.archive
  if (!archive) return undefined
  await requireTools(['dpkg-source', 'tar', 'xz', 'gpgv'])
  const taken = await time('Archive', () => takeFromArchive(repo, { ...discovery, archive }, tag, scratchDir))
  const suites = archive.settings.suites.join(', ')
  if (!taken) {
    if (tag.commit === '')
      throw new Error(`${suites} no longer list ${archive.package} ${tag.version}: run again`)
    report.notes.push(
      `${archive.package} ${tag.version} is no longer listed in ${suites}: ` +
        'its orig tarballs are made from the import with git archive, not taken from the archive',
    )
    return undefined
  }
  report.upstreamTagObject = taken.commit
  report.archive = {
    url: taken.release.archive,
    suite: taken.release.suite,
    date: taken.release.date,
    fingerprint: taken.release.fingerprint,
    files: taken.downloaded.files.map((file) => ({ name: file.name, sha256: file.sha256 })),
    imported: taken.imported,
  }
  if (taken.origOnly) {
    report.notes.push(
      `${archive.package} ${tag.version} is no longer listed in ${suites}: its orig ` +
        `tarballs are taken from ${taken.entry.version} (${taken.release.suite}), the same upstream version`,
    )
  }
  report.notes.push(
    `${taken.entry.package} ${taken.entry.version} from ${taken.release.archive} ${taken.release.suite}: InRelease signed by ` +
      `${taken.release.fingerprint}; ${taken.downloaded.files.length} files match the signed Sources index` +
      (taken.imported ? `; imported as ${taken.commit.slice(0, 12)}` : ''),
  )
  return taken
}
