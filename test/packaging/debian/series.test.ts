import { describe, expect, it } from 'vitest'
import { mergeSeries, parseSeries, patchLevel } from '../../../src/packaging/debian/series.js'

describe('parseSeries', () => {
  it('skips comments and blank lines and keeps options', () => {
    const entries = parseSeries(
      '# Debian patches\n\nfix-build.patch\n  upstream/cve.patch -p0  # from upstream\n#old.patch\nlast.diff\n',
    )
    expect(entries).toEqual([
      { name: 'fix-build.patch', options: [], line: 3 },
      { name: 'upstream/cve.patch', options: ['-p0'], line: 4 },
      { name: 'last.diff', options: [], line: 6 },
    ])
    expect(entries.map(patchLevel)).toEqual([1, 0, 1])
    expect(patchLevel({ name: 'x', options: ['-p', '2'], line: 1 })).toBe(2)
  })

  it('reads an empty or comment-only series as no patches', () => {
    expect(parseSeries('')).toEqual([])
    expect(parseSeries('# nothing\n\n')).toEqual([])
  })
})

describe('mergeSeries', () => {
  const base = 'a.patch\nb.patch\n'

  it('keeps both sides when both appended', () => {
    expect(
      mergeSeries(base, 'a.patch\nb.patch\nup-c.patch\n', 'a.patch\nb.patch\ndown-x.patch\ndown-y.patch\n')
        .text,
    ).toBe('a.patch\nb.patch\nup-c.patch\ndown-x.patch\ndown-y.patch\n')
  })

  it('drops what downstream removed and takes what upstream removed', () => {
    expect(
      mergeSeries('a.patch\nb.patch\nc.patch\n', 'a.patch\nb.patch\nc.patch\nd.patch\n', 'a.patch\nc.patch\n')
        .text,
    ).toBe('a.patch\nc.patch\nd.patch\n')
    expect(mergeSeries(base, 'b.patch\n', 'a.patch\nb.patch\nmine.patch\n').text).toBe(
      'b.patch\nmine.patch\n',
    )
  })

  it("follows upstream's order when upstream reordered", () => {
    expect(mergeSeries('a\nb\nc\n', 'c\na\nb\n', 'a\nb\nc\nmine\n').text).toBe('c\na\nb\nmine\n')
  })

  it('adds a downstream patch once when upstream adopted it too', () => {
    expect(mergeSeries(base, 'a.patch\nmine.patch\nb.patch\n', 'a.patch\nb.patch\nmine.patch\n').text).toBe(
      'a.patch\nmine.patch\nb.patch\n',
    )
  })

  it('keeps upstream comments and brings the comment above each downstream patch along', () => {
    const ours = '# upstream fixes\na.patch\nb.patch\n\n# security\ncve-1.patch\n'
    const theirs = '# upstream fixes\na.patch\nb.patch\n\n# chatmail: faster IDLE\nno-debounce.patch\n'
    expect(mergeSeries('# upstream fixes\na.patch\nb.patch\n', ours, theirs).text).toBe(
      '# upstream fixes\na.patch\nb.patch\n\n# security\ncve-1.patch\n# chatmail: faster IDLE\nno-debounce.patch\n',
    )
  })

  it('takes an option change made downstream only', () => {
    expect(
      mergeSeries('a.patch\nb.patch -p0\n', 'a.patch\nb.patch -p0\nc.patch\n', 'a.patch\nb.patch\n').text,
    ).toBe('a.patch\nb.patch\nc.patch\n')
  })

  it('handles missing files on any side', () => {
    expect(mergeSeries('', '', 'mine.patch\n').text).toBe('mine.patch\n')
    expect(mergeSeries('', 'up.patch\n', '').text).toBe('up.patch\n')
    expect(mergeSeries('a\n', 'a\n', '').text).toBe('')
    expect(mergeSeries('', '', '').text).toBe('')
  })

  it('never repeats a patch, even when a side lists it twice', () => {
    expect(mergeSeries('', 'a\na\n', 'b\nb\na\n').text).toBe('a\nb\n')
  })
})
