import { basename } from 'node:path'
import type { RunReport } from '../pipeline/report.js'
import { markdownHref, type SummaryContext } from './links.js'
import { codeSpan, escapeInline as inline, fencedBlock as fenced } from '../github/markdown.js'
import { renderBackport } from '../backport/summary.js'

/** Text as a link when there is a URL (already escaped text; the URL made safe here). */
const linked = (text: string, url: string | undefined): string =>
  url ? `[${text}](${markdownHref(url)})` : text

/** An untrusted string as inline code that is also safe in a table cell. */
const cell = (text: string): string => codeSpan(text).replace(/\|/g, '\\|')

const headline: Record<RunReport['result'], string> = {
  'up-to-date': 'Up to date',
  updated: 'Updated',
  published: 'Published',
  'published-not-pushed': 'Published to OBS; the fork was not updated',
  conflict: 'Conflict',
  planned: 'Planned (dry run)',
  built: 'Built',
  'update-available': 'Update available',
}

/** The job summary: what moved, what was carried and dropped, the files with sizes and sha256. */
export function renderSummary(report: RunReport, context: SummaryContext = {}): string {
  return [
    `## patch-carrier: ${headline[report.result]}`,
    '',
    ...factsTable(report, context),
    ...(report.notPushed ? ['### The fork was not updated', '', fenced(report.notPushed), ''] : []),
    ...commitSection(`Carried (${report.carried.length})`, report.carried),
    ...commitSection(`Dropped: already upstream (${report.dropped.length})`, report.dropped),
    ...conflictSection(report),
    ...renderBackport(report),
    ...archiveSection(report),
    ...sourcePackageSection(report),
    ...obsBuildsSection(report),
    ...bulletSection('Plan (dry run: nothing was pushed or uploaded)', report.plan),
    ...bulletSection('Notes', report.notes),
    ...stagesSection(report),
  ].join('\n')
}

/** The run at a glance: a two-column table of the facts this run has. */
function factsTable(report: RunReport, context: SummaryContext): string[] {
  const rows: Array<[string, string | undefined]> = [
    ['Package', context.package && cell(context.package)],
    ['Mode', report.mode],
    ['Branch', report.branch && cell(report.branch)],
    ['Previous tag', report.previousTag && cell(report.previousTag)],
    ['Upstream tag', report.upstreamTag && cell(report.upstreamTag)],
    ['Upstream tag object', report.upstreamTagObject],
    ['Upstream signature', report.upstreamSignature && inline(report.upstreamSignature)],
    ['Debian archive', report.archive && `${inline(report.archive.url)} ${cell(report.archive.suite)}`],
    [
      'InRelease',
      report.archive && `${inline(report.archive.date)}, signed by \`${report.archive.fingerprint}\``,
    ],
    ['Version', report.version && cell(report.version)],
    ['Commit', report.commit && linked(`\`${report.commit}\``, context.commitUrl)],
    ['OBS package', context.obs && linked(inline(context.obs.label), context.obs.url)],
    ['OBS revision', report.obsRevision],
    ['Pull request', report.pullRequest && `[#${report.pullRequest.number}](${report.pullRequest.url})`],
  ]
  const shown = rows.filter(([, value]) => value).map(([name, value]) => `| ${name} | ${value} |`)
  return ['| | |', '|---|---|', ...shown, '']
}

const commitLine = (commit: { sha: string; subject: string }): string =>
  `- \`${commit.sha.slice(0, 12)}\` ${inline(commit.subject)}`

function commitSection(title: string, commits: readonly { sha: string; subject: string }[]): string[] {
  return commits.length > 0 ? [`### ${title}`, '', ...commits.map(commitLine), ''] : []
}

function conflictSection(report: RunReport): string[] {
  if (!report.conflict) return []
  const failed = report.conflict.failed
  const out = [
    '### Conflict',
    '',
    failed.kind === 'commit'
      ? `Commit \`${failed.commit.sha.slice(0, 12)}\` ${inline(failed.commit.subject)} does not apply.`
      : `Patch ${codeSpan(failed.name)} does not apply with fuzz 0.`,
    '',
  ]
  if (failed.kind === 'patch' && failed.output) out.push(fenced(failed.output), '')
  for (const file of report.conflict.files) {
    out.push(`- ${codeSpan(file.path)}`)
    if (file.hunks) out.push('', fenced(file.hunks, 'diff'), '')
  }
  if (report.conflict.remaining.length > 0) {
    out.push('', 'Still to apply:', '', ...report.conflict.remaining.map(commitLine))
  }
  out.push('')
  return out
}

function archiveSection(report: RunReport): string[] {
  if (!report.archive) return []
  return [
    `### Taken from the Debian archive${report.archive.imported ? ' (imported into the fork)' : ''}`,
    '',
    '| file | sha256 |',
    '|---|---|',
    ...report.archive.files.map((file) => `| ${cell(file.name)} | \`${file.sha256}\` |`),
    '',
  ]
}

function sourcePackageSection(report: RunReport): string[] {
  if (report.files.length === 0) return []
  const rows = report.files.map(
    (file) => `| ${cell(basename(file.path))} | ${file.size} | \`${file.sha256}\` |`,
  )
  return ['### Source package', '', '| file | size | sha256 |', '|---|---:|---|', ...rows, '']
}

function obsBuildsSection(report: RunReport): string[] {
  if (!report.obsBuilds || report.obsBuilds.length === 0) return []
  const rows = report.obsBuilds.map((line) => {
    const [where, result] = line.split(/:\s*/, 2)
    return `| ${cell(where ?? line)} | ${cell(result ?? '')} |`
  })
  return ['### OBS builds', '', '| repository/arch | result |', '|---|---|', ...rows, '']
}

function bulletSection(title: string, items: readonly string[]): string[] {
  return items.length > 0 ? [`### ${title}`, '', ...items.map((item) => `- ${inline(item)}`), ''] : []
}

function stagesSection(report: RunReport): string[] {
  const timings = Object.entries(report.timings)
  if (timings.length === 0) return []
  const rows = timings.map(([stage, ms]) => `| ${stage} | ${(ms / 1000).toFixed(2)} |`)
  return ['### Stages', '', '| stage | seconds |', '|---|---:|', ...rows, '']
}
