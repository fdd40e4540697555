import { describe, expect, it } from 'vitest'
import { renderSummary } from '../../src/report/summary.js'
import { emptyReport } from '../../src/pipeline/report.js'
import { outputsOf } from '../../src/action/outputs.js'

describe('job summary', () => {
  it('shows tags, version, carried and dropped commits, files with size and sha256', () => {
    const report = {
      ...emptyReport('sync'),
      result: 'updated' as const,
      branch: 'main',
      previousTag: 'debian/1%2.3.21-1',
      upstreamTag: 'debian/1%2.3.21-2',
      version: '1:2.3.21-2+chatmail1',
      commit: 'a'.repeat(40),
      carried: [{ sha: 'b'.repeat(40), subject: 'Remove the IDLE debounce' }],
      dropped: [{ sha: 'c'.repeat(40), subject: 'Fix CVE-2026-1 (now upstream)' }],
      files: [{ path: '/out/dovecot_2.3.21.orig.tar.gz', size: 1234, sha256: 'd'.repeat(64) }],
    }
    const summary = renderSummary(report)
    expect(summary).toContain('## patch-carrier: Updated')
    expect(summary).toContain('| Previous tag | `debian/1%2.3.21-1` |')
    expect(summary).toContain('| Upstream tag | `debian/1%2.3.21-2` |')
    expect(summary).toContain('### Carried (1)')
    expect(summary).toContain('### Dropped: already upstream (1)')
    expect(summary).toContain(`| \`dovecot_2.3.21.orig.tar.gz\` | 1234 | \`${'d'.repeat(64)}\` |`)
    expect(outputsOf(report)).toMatchObject({
      result: 'updated',
      version: '1:2.3.21-2+chatmail1',
      files: '["/out/dovecot_2.3.21.orig.tar.gz"]',
    })
  })

  it('renders hostile commit subjects and file names as text', () => {
    const report = {
      ...emptyReport('sync'),
      result: 'conflict' as const,
      carried: [{ sha: 'b'.repeat(40), subject: '<script>alert(1)</script> @admin [x](http://evil) | a |' }],
      conflict: {
        failed: { kind: 'commit' as const, commit: { sha: 'e'.repeat(40), subject: '`rm -rf /` @team' } },
        files: [{ path: 'a|b`c.txt', hunks: '<<<<<<< ours\n```\nx\n=======\ny\n>>>>>>> theirs' }],
        remaining: [],
      },
    }
    const summary = renderSummary(report)
    expect(summary).not.toContain('<script>')
    expect(summary).not.toMatch(/@admin|@team/)
    expect(summary).not.toContain('](http')
    expect(summary).toContain('````diff') // a fence longer than the backtick run inside the hunk
  })
})
