import type { RunReport } from '../pipeline/report.js'
import type { VersionPort } from './verdicts.js'

/**
 * The first patch of a version that does not apply, as the run's conflict: the summary's conflict section
 * and the annotations on the files it patches come from it, as for a rebase.
 */
export function conflictOf(port: VersionPort): RunReport['conflict'] {
  const failed = port.verdicts.find((item) => item.verdict.kind === 'conflict')
  if (!failed || failed.verdict.kind !== 'conflict') return undefined
  const { output, files, rejects, reason } = failed.verdict
  return {
    failed: { kind: 'patch', name: failed.patch.name, output: reason ? `${reason}\n${output}` : output },
    files: files.map((path, index) => ({ path, hunks: index === 0 ? rejects : '' })),
    remaining: [],
  }
}
