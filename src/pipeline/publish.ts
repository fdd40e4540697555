import { basename } from 'node:path'
import type { Settings } from '../action/settings.js'
import type { ObsClient, PublishResult } from '../obs/index.js'
import type { RunReport } from './report.js'

/** The OBS commit message: what was built, from which upstream tag and fork commit, by which run. */
export function obsCommitMessage(settings: Settings, report: RunReport): string {
  const lines = [
    `${report.version ?? ''}: ${
      settings.mode === 'sync'
        ? `rebased onto upstream tag ${report.upstreamTag ?? ''}`
        : report.backport
          ? `built on upstream tag ${report.backport.base ?? ''} with patches backported up to ${report.upstreamTag ?? ''}`
          : `built on upstream tag ${report.previousTag ?? ''}`
    }`,
    '',
    `upstream tag object: ${report.upstreamTagObject ?? 'unknown'}`,
    ...(report.upstreamSignature ? [`upstream tag signed by: ${report.upstreamSignature}`] : []),
    ...archiveLines(report),
    `fork: ${settings.repository || settings.remoteUrl} ${report.branch ?? ''} @ ${report.commit ?? ''}`,
  ]
  if (settings.runUrl) lines.push(`run: ${settings.runUrl}`)
  // only what this commit puts on OBS (an RPM build's .src.rpm stays in output-dir)
  const committed = new Set(report.publishFiles ?? report.files.map((file) => file.path))
  const files = report.files.filter((file) => committed.has(file.path))
  lines.push('', ...files.map((file) => `sha256 ${file.sha256}  ${basename(file.path)}`))
  return lines.join('\n')
}

function archiveLines(report: RunReport): string[] {
  const archive = report.archive
  if (!archive) return []
  return [
    `Debian archive: ${archive.url} suite ${archive.suite}, InRelease of ${archive.date}, signed by ${archive.fingerprint}`,
    ...archive.files.map((file) => `archive sha256 ${file.sha256}  ${file.name}`),
  ]
}

/** Commits the built files as the OBS package's new revision (nothing changed → no revision). */
export async function publishToObs(
  obs: ObsClient,
  settings: Settings,
  report: RunReport,
  ready?: Promise<unknown>,
): Promise<PublishResult> {
  const { project, package: pkg } = settings.obs
  if (!project || !pkg) throw new Error('publishing needs obs-project and obs-package')
  return obs.publish({
    project,
    package: pkg,
    files: (report.publishFiles ?? report.files.map((file) => file.path)).map((path) => ({
      name: basename(path),
      path,
    })),
    keep: settings.obs.keep,
    message: obsCommitMessage(settings, report),
    create: settings.obs.create,
    ready,
  })
}

/** Waits for OBS to build the published sources; throws (ObsBuildError) on failed builds or timeout. */
export async function waitForObsBuilds(obs: ObsClient, settings: Settings): Promise<string[]> {
  const { project, package: pkg, waitMinutes } = settings.obs
  if (!project || !pkg || waitMinutes === undefined) return []
  const summary = await obs.waitForBuilds({ project, package: pkg, timeoutMs: waitMinutes * 60_000 })
  return summary.lines
}
