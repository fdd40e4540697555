import { describe, expect, it } from 'vitest'
import { cveIds, splitPatch, withBackportNote } from '../../src/backport/dep3.js'
import { normalisedChange } from '../../src/backport/normalise.js'
import { followedPatch, insertSeriesLine } from '../../src/backport/series-edit.js'
import { parseSeries } from '../../src/packaging/debian/series.js'
import { patches, sieveLimitPatch } from '../support/backport-fixtures.js'

describe('patch texts', () => {
  it('finds the same change under other names, headers, context and strip levels', () => {
    expect(normalisedChange(patches.sieve, 1)).toBe(normalisedChange(sieveLimitPatch, 1))
    expect(normalisedChange(patches.sieve, 1)).toBe('@ src/sieve.c\n-  return 100;\n+  return 10;')
    expect(normalisedChange(patches.authLog, 0)).toBe(
      normalisedChange(patches.authLog.replace(/src\/auth\.c/g, 'a/src/auth.c'), 1),
    )
    expect(normalisedChange(patches.auth, 1)).not.toBe(normalisedChange(patches.auth2, 1))
    // a removed line that reads like a file header is still a removed line
    const tricky = '--- a/x\n+++ b/x\n@@ -1,2 +1,1 @@\n--- not a header\n keep\n'
    expect(normalisedChange(tricky, 1)).toBe('@ x\n--- not a header')
  })

  it('cuts the DEP-3 header from the diff, in quilt and git formats', () => {
    expect(splitPatch(patches.imap).header).toBe(
      'Subject: IDLE delay overflow\nBug: https://security-tracker.debian.org/tracker/CVE-2026-0002',
    )
    expect(splitPatch(sieveLimitPatch).diff.startsWith('diff --git a/src/sieve.c b/src/sieve.c')).toBe(true)
    expect(cveIds('Fixes CVE-2026-0003 and CVE-2026-12345; CVE-2026-0003 again')).toEqual([
      'CVE-2026-0003',
      'CVE-2026-12345',
    ])
  })

  it('adds Backported-by at the end of the first paragraph of fields, after continuation lines', () => {
    expect(withBackportNote('Description: x\n more\nAuthor: A\n\nfree text\n---', 'pc')).toBe(
      'Description: x\n more\nAuthor: A\nBackported-by: pc\n\nfree text\n---',
    )
    expect(withBackportNote('just words', 'pc')).toBe('Backported-by: pc\njust words')
  })

  it('places a new patch after the one it followed upstream, keeping comments and blank lines', () => {
    const source = parseSeries('# Debian\na.patch\n\n# security\nnew.patch -p1\n')
    const fork = 'a.patch\n# ours\nfast.patch\n'
    const after = followedPatch(parseSeries(fork), source, 'new.patch')
    expect(after).toBe('a.patch')
    expect(insertSeriesLine(fork, 'new.patch -p1', after)).toBe(
      'a.patch\nnew.patch -p1\n# ours\nfast.patch\n',
    )
    expect(insertSeriesLine(fork, 'other.patch', undefined)).toBe(`${fork}other.patch\n`)
  })
})
