import { describe, expect, it } from 'vitest'
import { parseChangelog } from '../../src/packaging/debian/changelog.js'
import { parseSeries } from '../../src/packaging/debian/series.js'
import { parseExpandedSpec, specEntries } from '../../src/packaging/rpm/spec-info.js'
import { withState } from '../../src/pipeline/conflict/state-marker.js'
import { parseDirectory } from '../../src/obs/package.js'
import { parseLsRemote } from '../../src/git/remote.js'

/**
 * Parsers of text that upstream, a person or a server controls, fed huge and pathological input: each
 * answers in linear time (a regex that backtracks quadratically would hang a job for hours on one long
 * line) and either reads the input or rejects it with a message.
 */

const spaces = ' '.repeat(200_000)
const sha = 'a'.repeat(40)

/** Runs `parse` and fails when it takes longer than a linear parser could need. */
function quick<T>(parse: () => T): T {
  const started = performance.now()
  const result = parse()
  expect(performance.now() - started).toBeLessThan(1000)
  return result
}

const entry = (trailer: string, header = 'hello (1.0-1) unstable; urgency=medium') =>
  `${header}\n\n  * Change.\n\n${trailer}\n`

describe('hostile text for the parsers', () => {
  it.each([
    [
      'a changelog trailer with 200 000 spaces before a stray character',
      () => {
        const [top] = parseChangelog(entry(` -- A <a@b.org>  Thu, 01 Jan 2026 00:00:00 +0000${spaces}x`))
        expect(top?.date).toBe(`Thu, 01 Jan 2026 00:00:00 +0000${spaces}x`)
      },
    ],
    [
      'a changelog header whose urgency is followed by 200 000 spaces',
      () => {
        const [top] = parseChangelog(
          entry(
            ' -- A <a@b.org>  Thu, 01 Jan 2026 00:00:00 +0000',
            `hello (1.0-1) unstable; urgency=low${spaces}x`,
          ),
        )
        expect(top?.urgency).toBe(`low${spaces}x`)
      },
    ],
    [
      'a changelog of 20 000 entries',
      () => {
        const one = entry(' -- A <a@b.org>  Thu, 01 Jan 2026 00:00:00 +0000')
        expect(parseChangelog(`${one}\n`.repeat(20_000))).toHaveLength(20_000)
      },
    ],
    [
      'a changelog that is binary garbage',
      () => {
        expect(() => parseChangelog('\u0000\u00ff\u0001'.repeat(10_000))).toThrow(
          /debian\/changelog: line 1 is not an entry header/,
        )
      },
    ],
    [
      'a series line with 200 000 spaces between two words',
      () => {
        expect(parseSeries(`fix.patch${spaces}-p1\n`)).toEqual([
          { name: 'fix.patch', options: ['-p1'], line: 1 },
        ])
      },
    ],
    [
      'a series comment after 200 000 spaces',
      () => {
        expect(parseSeries(`fix.patch${spaces}# note\n`)).toEqual([
          { name: 'fix.patch', options: [], line: 1 },
        ])
      },
    ],
    [
      'a spec Version with 200 000 spaces inside',
      () => {
        const info = parseExpandedSpec(`Name: qmail\nVersion: 1.03${spaces}x\n%description\nq\n`)
        expect(info.version).toBe(`1.03${spaces}x`)
      },
    ],
    [
      'a spec Source line with 200 000 spaces inside',
      () => {
        expect(specEntries(`Name: q\nSource0: a${spaces}b.tar.gz\n`).sources[0]?.file).toBe(
          `a${spaces}b.tar.gz`,
        )
      },
    ],
    [
      'a pull request body of 60 000 spaces and a word, edited by a person',
      () => {
        const body = withState(`${' '.repeat(60_000)}x`, { kind: 'conflict', pushed: sha, branchHead: sha })
        expect(body.startsWith(`${' '.repeat(60_000)}x\n\n<!--`)).toBe(true)
      },
    ],
    [
      'an OBS listing of 20 000 entries',
      () => {
        const entries = Array.from(
          { length: 20_000 },
          (_, i) => `<entry name="f${i}" md5="${'0'.repeat(32)}" size="1"/>`,
        )
        expect(parseDirectory(`<directory rev="3">${entries.join('')}</directory>`).files).toHaveLength(
          20_000,
        )
      },
    ],
    [
      'an OBS listing with an entity bomb',
      () => {
        const bomb = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "${'x'.repeat(100)}"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><directory rev="1"><entry name="&d;" md5="${'0'.repeat(32)}"/></directory>`
        expect(parseDirectory(bomb).files[0]?.name).toBe('&d;')
      },
    ],
    [
      'an OBS listing with an external entity',
      () => {
        const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><directory rev="1"><entry name="&x;" md5="${'0'.repeat(32)}"/></directory>`
        expect(() => parseDirectory(xxe)).toThrow(/OBS sent invalid XML.*External entities are not supported/)
      },
    ],
    [
      'an ls-remote listing of 100 000 tags',
      () => {
        const lines = Array.from({ length: 100_000 }, (_, i) => `${sha}\trefs/tags/v1.${i}`)
        expect(parseLsRemote(lines.join('\n')).tagCommits.size).toBe(100_000)
      },
    ],
  ] as const)('%s', (_label, check) => {
    quick(check)
  })
})
