import { basename } from 'node:path'
import type { ObsClient, PackageState } from '../obs/index.js'
import { ObsHttpError } from '../obs/index.js'
import { digestFiles } from '../obs/files.js'
import { keepMatcher } from '../obs/keep.js'
import type { Settings } from '../action/settings.js'
import type { Logger } from './deps.js'
import type { RunReport } from './report.js'

const sized = (files: readonly { name: string; size: number }[]): string =>
  files.map((file) => `${file.name} (${file.size} bytes)`).join(', ')

/**
 * A dry run's OBS step, read from OBS without changing it: the files a publish would upload (new or
 * changed md5, with their sizes), those OBS already has, and those it would remove.
 */
export async function planObsCommit(
  obs: ObsClient,
  settings: Settings,
  report: RunReport,
  log: Logger,
): Promise<string[]> {
  const { project, package: pkg } = settings.obs
  const label = `${project}/${pkg}`
  const paths = report.files
    .map((file) => file.path)
    .filter((path) => !report.publishFiles || report.publishFiles.includes(path))
  const local = await digestFiles(paths.map((path) => ({ name: basename(path), path })))
  let remote: PackageState | undefined
  try {
    remote = await obs.readPackage({ project: project!, package: pkg! })
  } catch (error) {
    if (!(error instanceof ObsHttpError && error.status === 404)) {
      const reason = error instanceof Error ? error.message : String(error)
      log.warning(`Dry run: could not read ${label} from OBS, so every file is planned for upload: ${reason}`)
    }
  }
  const onObs = new Map((remote?.files ?? []).map((file) => [file.name, file.md5]))
  const upload = local.filter((file) => onObs.get(file.name) !== file.md5)
  const unchanged = local.filter((file) => onObs.get(file.name) === file.md5)
  const keep = keepMatcher(settings.obs.keep)
  const names = new Set(local.map((file) => file.name))
  const remove = [...onObs.keys()].filter((name) => !names.has(name) && !keep(name)).sort()
  if (upload.length === 0 && remove.length === 0) {
    return [
      `OBS ${label} already has these files (revision ${remote?.revision ?? '?'}): nothing to upload, no new revision`,
    ]
  }
  const bytes = upload.reduce((sum, file) => sum + file.size, 0)
  const plan = [
    `commit to OBS ${label}: ${sized(upload) || 'no upload'}` +
      (upload.length > 0
        ? ` — ${upload.length} file${upload.length === 1 ? '' : 's'}, ${bytes} bytes to upload`
        : ''),
  ]
  if (!remote) {
    plan.push(
      `${label} does not exist on OBS yet: ` +
        (settings.obs.create ? 'it is created (obs-create)' : 'create it, or set obs-create: true'),
    )
  }
  if (unchanged.length > 0) plan.push(`already on OBS, not uploaded: ${sized(unchanged)}`)
  if (remove.length > 0) plan.push(`remove from OBS ${label}: ${remove.join(', ')}`)
  return plan
}
