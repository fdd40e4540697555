import { codeSpan, escapeInline } from '../github/markdown.js'
import type { RunReport } from '../pipeline/report.js'
import { describeVerdict } from './verdicts.js'

/** The job summary's backport section: per source version, each patch's verdict (a check: what is pending). */
export function renderBackport(report: RunReport): string[] {
  const backport = report.backport
  if (!backport) return []
  const out = [
    '### Backports',
    '',
    `Ported up to ${codeSpan(backport.start)} before this run` +
      (backport.base ? `; the fork is on upstream tag ${codeSpan(backport.base)}.` : '.'),
    '',
  ]
  if (backport.pending.length === 0) out.push('No newer version of the watched tags.', '')
  for (const port of backport.versions) {
    const cves = port.cves.length > 0 ? ` — ${escapeInline(port.cves.join(', '))}` : ''
    out.push(`#### ${codeSpan(port.version)} (tag ${codeSpan(port.tag)})${cves}`, '')
    if (report.mode === 'check') continue
    if (port.verdicts.length === 0) out.push('No quilt patch added or changed.')
    for (const item of port.verdicts) out.push(`- ${escapeInline(describeVerdict(item))}`)
    out.push('')
  }
  return out
}
