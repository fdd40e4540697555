import type { RunReport } from '../pipeline/report.js'

/** The outcome of checking one package of a config file. */
export interface PackageCheck {
  name: string
  report?: RunReport
  /** Why the check failed. */
  error?: string
  /** How long the check took. */
  ms: number
}

/** One `strategy.matrix` job: the package to sync and the tag the check found. */
export interface MatrixEntry {
  package: string
  'upstream-tag': string
  'previous-tag': string
}

/**
 * The `matrix` output: `{"include": [...]}` with one entry per package that needs an update, ready for
 * `strategy: { matrix: ${{ fromJSON(needs.check.outputs.matrix) }} }`.
 */
export function matrixOf(checks: readonly PackageCheck[]): { include: MatrixEntry[] } {
  return {
    include: checks
      .filter((check) => check.report?.result === 'update-available')
      .map((check) => ({
        package: check.name,
        'upstream-tag': check.report?.upstreamTag ?? '',
        'previous-tag': check.report?.previousTag ?? '',
      })),
  }
}
