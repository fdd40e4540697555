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
  const out: string[] = [`## patch-carrier: ${headline[report.result]}`, '']
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
  out.push('| | |', '|---|---|')
  for (const [name, value] of rows) if (value) out.push(`| ${name} | ${value} |`)
  out.push('')
  if (report.notPushed) out.push('### The fork was not updated', '', fenced(report.notPushed), '')
  if (report.carried.length > 0) {
    out.push(`### Carried (${report.carried.length})`, '')
    for (const commit of report.carried)
      out.push(`- \`${commit.sha.slice(0, 12)}\` ${inline(commit.subject)}`)
    out.push('')
  }
  if (report.dropped.length > 0) {
    out.push(`### Dropped: already upstream (${report.dropped.length})`, '')
    for (const commit of report.dropped)
      out.push(`- \`${commit.sha.slice(0, 12)}\` ${inline(commit.subject)}`)
    out.push('')
  }
  if (report.conflict) {
    const failed = report.conflict.failed
    out.push('### Conflict', '')
    out.push(
      failed.kind === 'commit'
        ? `Commit \`${failed.commit.sha.slice(0, 12)}\` ${inline(failed.commit.subject)} does not apply.`
        : `Patch ${codeSpan(failed.name)} does not apply with fuzz 0.`,
      '',
    )
    if (failed.kind === 'patch' && failed.output) out.push(fenced(failed.output), '')
    for (const file of report.conflict.files) {
      out.push(`- ${codeSpan(file.path)}`)
      if (file.hunks) out.push('', fenced(file.hunks, 'diff'), '')
    }
    if (report.conflict.remaining.length > 0) {
      out.push('', 'Still to apply:', '')
      for (const commit of report.conflict.remaining)
        out.push(`- \`${commit.sha.slice(0, 12)}\` ${inline(commit.subject)}`)
    }
    out.push('')
  }
  out.push(...renderBackport(report))
  if (report.archive) {
    out.push(
      `### Taken from the Debian archive${report.archive.imported ? ' (imported into the fork)' : ''}`,
      '',
      '| file | sha256 |',
      '|---|---|',
    )
    for (const file of report.archive.files) out.push(`| ${cell(file.name)} | \`${file.sha256}\` |`)
    out.push('')
  }
  if (report.files.length > 0) {
    out.push('### Source package', '', '| file | size | sha256 |', '|---|---:|---|')
    for (const file of report.files)
      out.push(`| ${cell(basename(file.path))} | ${file.size} | \`${file.sha256}\` |`)
    out.push('')
  }
  if (report.obsBuilds && report.obsBuilds.length > 0) {
    out.push('### OBS builds', '', '| repository/arch | result |', '|---|---|')
    for (const line of report.obsBuilds) {
      const [where, result] = line.split(/:\s*/, 2)
      out.push(`| ${cell(where ?? line)} | ${cell(result ?? '')} |`)
    }
    out.push('')
  }
  if (report.plan.length > 0) {
    out.push('### Plan (dry run: nothing was pushed or uploaded)', '')
    for (const step of report.plan) out.push(`- ${inline(step)}`)
    out.push('')
  }
  if (report.notes.length > 0) {
    out.push('### Notes', '')
    for (const note of report.notes) out.push(`- ${inline(note)}`)
    out.push('')
  }
  const timings = Object.entries(report.timings)
  if (timings.length > 0) {
    out.push('### Stages', '', '| stage | seconds |', '|---|---:|')
    for (const [stage, ms] of timings) out.push(`| ${stage} | ${(ms / 1000).toFixed(2)} |`)
    out.push('')
  }
  return out.join('\n')
}
