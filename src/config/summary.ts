import { codeSpan, escapeInline, fencedBlock } from '../github/markdown.js'
import type { MatrixEntry, PackageCheck } from './matrix.js'

const cell = (text: string | undefined): string => (text ? codeSpan(text).replace(/\|/g, '\\|') : '')

const shown: Record<string, string> = {
  'update-available': '**update available**',
  'up-to-date': 'up to date',
}

/** The job summary of a check over the packages of a config file: one table row per package. */
export function renderChecks(
  config: string,
  checks: readonly PackageCheck[],
  matrix: { include: MatrixEntry[] },
): string {
  const updates = matrix.include.length
  const failed = checks.filter((check) => check.error !== undefined).length
  const out = [
    `## patch-carrier: ${updates} of ${checks.length} package${checks.length === 1 ? '' : 's'} need${updates === 1 ? 's' : ''} an update` +
      (failed > 0 ? `, ${failed} failed` : ''),
    '',
    `Config: ${cell(config)}`,
    '',
    '| package | result | branch | on tag | newest upstream tag | seconds |',
    '|---|---|---|---|---|---:|',
  ]
  for (const check of checks) {
    const report = check.report
    const result = report
      ? (shown[report.result] ?? escapeInline(report.result))
      : `failed: ${escapeInline(check.error ?? 'unknown error')}`
    out.push(
      `| ${cell(check.name)} | ${result} | ${cell(report?.branch)} | ${cell(report?.previousTag)} | ` +
        `${cell(report?.upstreamTag)} | ${(check.ms / 1000).toFixed(2)} |`,
    )
  }
  out.push('', '`matrix` output:', '', fencedBlock(JSON.stringify(matrix, null, 2), 'json'), '')
  return out.join('\n')
}
