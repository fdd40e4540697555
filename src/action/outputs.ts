import type { RunReport } from '../pipeline/report.js'

/** The action's outputs (names are the contract) from a run report. */
export function outputsOf(report: RunReport): Record<string, string> {
  return {
    result: report.result,
    'upstream-tag': report.upstreamTag ?? '',
    'previous-tag': report.previousTag ?? '',
    version: report.version ?? '',
    commit: report.commit ?? '',
    files: JSON.stringify(report.files.map((file) => file.path)),
    'obs-revision': report.obsRevision ?? '',
    'pull-request-number': report.pullRequest ? String(report.pullRequest.number) : '',
    'pull-request-url': report.pullRequest?.url ?? '',
    'pull-request-operation': report.pullRequestOperation ?? 'none',
  }
}
