import { describe, expect, it } from 'vitest'
import { literalPrefix, matchesGlob, matchesGlobs, parseGlobList } from '../../src/versions/glob.js'
import { growth } from '../support/growth.js'

describe('matchesGlob', () => {
  it.each([
    ['v2.4.1', '*', true],
    ['debian/1%2.3-1', '*', true],
    ['debian/1%2.3-1', 'debian/*', true],
    ['debian/1%2.3-1', 'debian/*-*', true],
    ['upstream/2.3', 'debian/*', false],
    ['release/2024/1.0', 'release/*', true],
    ['v2.4.1', 'v?.?.?', true],
    ['v2.4.10', 'v?.?.?', false],
    ['v2.4.1', 'v[0-9].*', true],
    ['vX.4.1', 'v[0-9].*', false],
    ['vX.4.1', 'v[!0-9].*', true],
    ['vX.4.1', 'v[^0-9].*', true],
    ['a]b', 'a[]]b', true],
    ['a-b', 'a[a-]b', true],
    ['a*b', 'a\\*b', true],
    ['axb', 'a\\*b', false],
    ['a[b', 'a[b', true],
    ['', '*', true],
    ['', '', true],
    ['x', '', false],
    ['2.4.1', '2.4.1', true],
    ['2.4.1', '2.4', false],
    ['v1.0', 'V1.0', false],
    ['é1.0', '?1.0', true],
    ['🎉1.0', '?1.0', true],
    ['🎉', '[🎉]', true],
  ])('%j against %j → %s', (name, glob, expected) => {
    expect(matchesGlob(name, glob)).toBe(expected)
  })

  it('takes hostile names as plain text', () => {
    for (const name of ['$(rm -rf /)', '`id`', 'a;b', '-rf', 'a b', '\n', '[', ']', '\\', '*']) {
      expect(matchesGlob(name, '*')).toBe(true)
      expect(matchesGlob(name, name.replace(/[*?[\\]/g, '\\$&'))).toBe(true)
      expect(matchesGlob(name, 'v*')).toBe(false)
    }
  })

  it('takes time linear in the name on a pattern that makes naive backtracking explode', () => {
    // O(n·m): eight times the name, about eight times the time (less than 32); naive backtracking takes
    // n^50 steps
    const pattern = `${'*a'.repeat(50)}b`
    const match = (n: number) => expect(matchesGlob('a'.repeat(n), pattern)).toBe(false)
    expect(growth(match, 1250, 8, 32)).toBeLessThan(32)
  })
})

describe('matchesGlobs', () => {
  it('matches when any glob matches, and nothing when there are no globs', () => {
    expect(matchesGlobs('v1.0', ['debian/*', 'v*'])).toBe(true)
    expect(matchesGlobs('x1.0', ['debian/*', 'v*'])).toBe(false)
    expect(matchesGlobs('v1.0', [])).toBe(false)
  })
})

describe('parseGlobList', () => {
  it('splits on newlines and commas, trims, drops empty entries', () => {
    expect(parseGlobList('debian/*\n  upstream/* ,v*,,\r\n\n')).toEqual(['debian/*', 'upstream/*', 'v*'])
    expect(parseGlobList('')).toEqual([])
    expect(parseGlobList(' , \n ')).toEqual([])
  })
})

describe('literalPrefix', () => {
  it.each([
    ['debian/*', 'debian/'],
    ['*', ''],
    ['v?.?.?', 'v'],
    ['v[0-9].*', 'v'],
    ['qmail-1.03', 'qmail-1.03'],
    ['a\\*b*', 'a*b'],
    ['a[b', 'a[b'],
    ['', ''],
  ])('%j starts with %j', (glob, prefix) => {
    expect(literalPrefix(glob)).toBe(prefix)
  })

  it('is a prefix of every name the glob matches', () => {
    for (const [name, glob] of [
      ['debian/1%2.3-1', 'debian/*-*'],
      ['v2.4.1', 'v[0-9].*'],
      ['a*b', 'a\\*b'],
    ] as const) {
      expect(matchesGlob(name, glob)).toBe(true)
      expect(name.startsWith(literalPrefix(glob))).toBe(true)
    }
  })
})
