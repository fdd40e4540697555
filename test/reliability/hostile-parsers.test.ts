import { describe, expect, it } from 'vitest'
import { parseChangelog } from '../../src/packaging/debian/changelog.js'
import { parseSeries } from '../../src/packaging/debian/series.js'
import { parseExpandedSpec, specEntries } from '../../src/packaging/rpm/spec-info.js'
import { withState } from '../../src/pipeline/conflict/survey.js'
import { parseDirectory } from '../../src/obs/package.js'
import { parseLsRemote } from '../../src/git/remote.js'
import { growth } from '../support/growth.js'

/**
 * Parsers of text that upstream, a person or a server controls, fed huge and pathological input: each
 * answers in linear time (a regex that backtracks quadratically would hang a job for hours on one long
 * line: 200 KB took a minute) and either reads the input or rejects it with a message. Linear is measured
 * as growth, on this machine at this moment, so its load cannot decide the outcome: eight times the input
 * takes about eight times as long, and a quadratic parser sixty-four times as long.
 */

const sha = 'a'.repeat(40)
const FACTOR = 8
/** Four times linear growth, half of quadratic: parsers that fill large maps grow up to ×22 on a busy machine. */
const LIMIT = 32

const entry = (trailer: string, header = 'hello (1.0-1) unstable; urgency=medium') =>
  `${header}\n\n  * Change.\n\n${trailer}\n`

describe('hostile text for the parsers', () => {
  it.each([
    [
      'a changelog trailer with n spaces before a stray character',
      2_500,
      (n: number) => {
        const spaces = ' '.repeat(n)
        const [top] = parseChangelog(entry(` -- A <a@b.org>  Thu, 01 Jan 2026 00:00:00 +0000${spaces}x`))
        expect(top?.date).toBe(`Thu, 01 Jan 2026 00:00:00 +0000${spaces}x`)
      },
    ],
    [
      'a changelog header whose urgency is followed by n spaces',
      2_500,
      (n: number) => {
        const spaces = ' '.repeat(n)
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
      'a changelog of n entries',
      2_500,
      (n: number) => {
        const one = entry(' -- A <a@b.org>  Thu, 01 Jan 2026 00:00:00 +0000')
        expect(parseChangelog(`${one}\n`.repeat(n))).toHaveLength(n)
      },
    ],
    [
      'a changelog that is n bytes of binary garbage',
      20_000,
      (n: number) => {
        expect(() => parseChangelog('\u0000\u00ff\u0001'.repeat(n / 3))).toThrow(
          /debian\/changelog: line 1 is not an entry header/,
        )
      },
    ],
    [
      'a series line with n spaces between two words',
      2_500,
      (n: number) => {
        expect(parseSeries(`fix.patch${' '.repeat(n)}-p1\n`)).toEqual([
          { name: 'fix.patch', options: ['-p1'], line: 1 },
        ])
      },
    ],
    [
      'a series comment after n spaces',
      2_500,
      (n: number) => {
        expect(parseSeries(`fix.patch${' '.repeat(n)}# note\n`)).toEqual([
          { name: 'fix.patch', options: [], line: 1 },
        ])
      },
    ],
    [
      'a spec Version with n spaces inside',
      2_500,
      (n: number) => {
        const spaces = ' '.repeat(n)
        const info = parseExpandedSpec(`Name: qmail\nVersion: 1.03${spaces}x\n%description\nq\n`)
        expect(info.version).toBe(`1.03${spaces}x`)
      },
    ],
    [
      'a spec Source line with n spaces inside',
      2_500,
      (n: number) => {
        const spaces = ' '.repeat(n)
        expect(specEntries(`Name: q\nSource0: a${spaces}b.tar.gz\n`).sources[0]?.file).toBe(
          `a${spaces}b.tar.gz`,
        )
      },
    ],
    [
      'a pull request body of n spaces and a word, edited by a person',
      2_500,
      (n: number) => {
        const body = withState(`${' '.repeat(n)}x`, { kind: 'conflict', pushed: sha, branchHead: sha })
        expect(body.startsWith(`${' '.repeat(n)}x\n\n<!--`)).toBe(true)
      },
    ],
    [
      'an OBS listing of n entries',
      2_500,
      (n: number) => {
        const entries = Array.from(
          { length: n },
          (_, i) => `<entry name="f${i}" md5="${'0'.repeat(32)}" size="1"/>`,
        )
        expect(parseDirectory(`<directory rev="3">${entries.join('')}</directory>`).files).toHaveLength(n)
      },
    ],
    [
      'an ls-remote listing of n tags',
      2_500,
      (n: number) => {
        const lines = Array.from({ length: n }, (_, i) => `${sha}\trefs/tags/v1.${i}`)
        expect(parseLsRemote(lines.join('\n')).tagCommits.size).toBe(n)
      },
    ],
  ] as const)('%s (n = %i and eight times that): linear', (_label, size, parse) => {
    expect(growth(parse, size, FACTOR, LIMIT)).toBeLessThan(LIMIT)
  })

  it('an OBS listing with an entity bomb: the entity is not expanded (no time or memory goes to it)', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "${'x'.repeat(100)}"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><directory rev="1"><entry name="&d;" md5="${'0'.repeat(32)}"/></directory>`
    expect(parseDirectory(bomb).files[0]?.name).toBe('&d;')
  })

  it('an OBS listing with an external entity: refused, nothing read', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><directory rev="1"><entry name="&x;" md5="${'0'.repeat(32)}"/></directory>`
    expect(() => parseDirectory(xxe)).toThrow(/OBS sent invalid XML.*External entities are not supported/)
  })
})
