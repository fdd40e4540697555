import { describe, expect, it } from 'vitest'
import {
  compareVersions,
  newestTag,
  resolveOrder,
  sortTagsNewestFirst,
  tagVersion,
  type Tag,
} from '../../src/versions/tags.js'

const tags = (...names: string[]): Tag[] =>
  names.map((name, i) => ({ name, commit: `${i}`.padStart(40, '0') }))

const hostileNames = [
  '$(rm -rf ~)1.0',
  '`reboot`-2.0',
  'v1.0;rm -rf /',
  'v1.0 && id',
  '-1.0',
  '--upload-pack=touch /tmp/x',
  '1.0\n2.0',
  'v１.０',
  'vé1.0',
  '🎉-1.0',
  '',
  '/',
  '-',
  'debian/1%',
  'debian/%',
  'debian/#',
  '[',
  '\\',
  "1.0'",
  '1.0"',
]

describe('tagVersion', () => {
  it.each([
    ['debian/1%2.3.21+dfsg1-3', 'debian', '1:2.3.21+dfsg1-3'],
    ['debian/1%2.3.21+dfsg1-3', 'auto', '1:2.3.21+dfsg1-3'],
    ['ubuntu/2.4_rc1-0ubuntu1', 'debian', '2.4~rc1-0ubuntu1'],
    ['debian/1.2.#.3-1', 'debian', '1.2..3-1'],
    ['upstream/2.3.21', 'debian', '2.3.21'],
    ['upstream/2.3.21', 'semver', '2.3.21'],
    ['upstream/2.3.21', 'auto', '2.3.21'],
    ['v2.4.1', 'semver', '2.4.1'],
    ['v2.4.1', 'debian', '2.4.1'],
    ['v2.4.1', 'auto', '2.4.1'],
    ['V2.4.1', 'auto', '2.4.1'],
    ['2.4.1', 'auto', '2.4.1'],
    ['v2.4.1-rc.1', 'semver', '2.4.1-rc.1'],
    ['qmail-1.03', 'semver', '1.03'],
    ['qmail-1.03', 'debian', '1.03'],
    ['release-2.0', 'auto', '2.0'],
    ['release_2.0', 'auto', '2.0'],
    ['rel2.0', 'auto', '2.0'],
    ['python3-3.11.2', 'semver', '3.11.2'],
    ['netqmail-v1.06', 'semver', '1.06'],
    ['release/v2.0', 'semver', '2.0'],
    ['1%2.3-1', 'debian', '1:2.3-1'],
  ] as const)('%s in %s order → %s', (name, order, version) => {
    expect(tagVersion(name, order)).toBe(version)
  })

  it.each([
    ['foo', 'auto'],
    ['debian/foo', 'debian'],
    ['latest', 'semver'],
    ['debian/1%2.3-1', 'semver'], // an epoch has no meaning in semver order
    ['v1_rc1', 'semver'],
    ['curl-8_5_0', 'semver'],
    ['v1.0.x', 'semver'],
  ] as const)('finds no version in %s (%s order)', (name, order) => {
    expect(tagVersion(name, order)).toBeUndefined()
  })

  it('finds no version in hostile names, and does not throw on them', () => {
    for (const name of hostileNames) {
      for (const order of ['debian', 'semver', 'auto'] as const)
        expect(tagVersion(name, order)).toBeUndefined()
    }
  })
})

describe('resolveOrder', () => {
  it('keeps an explicit order', () => {
    expect(resolveOrder(['debian/1.0-1'], 'semver')).toBe('semver')
    expect(resolveOrder(['v1.0'], 'debian')).toBe('debian')
  })

  it('picks debian order as soon as one name is a DEP-14 tag, semver otherwise', () => {
    expect(resolveOrder(['v1.0', '2.0', 'debian/1%2.0-1'], 'auto')).toBe('debian')
    expect(resolveOrder(['upstream/2.3.21'], 'auto')).toBe('debian')
    expect(resolveOrder(['v1.0', 'qmail-1.03', 'debian/foo', 'a/b/1.0'], 'auto')).toBe('semver')
    expect(resolveOrder([], 'auto')).toBe('semver')
  })
})

describe('compareVersions', () => {
  it('dispatches to the dpkg and the semver order', () => {
    expect(compareVersions('2.0~rc1', '2.0', 'debian')).toBe(-1)
    expect(compareVersions('2.0-rc1', '2.0', 'debian')).toBe(1) // a Debian revision, not a prerelease
    expect(compareVersions('2.0-rc1', '2.0', 'semver')).toBe(-1)
    expect(compareVersions('1:1.0', '2.0', 'debian')).toBe(1)
    expect(compareVersions('1.10', '1.9', 'semver')).toBe(1)
    expect(compareVersions('1.0', '1.0', 'semver')).toBe(0)
  })

  it('never throws: non-versions sort first and among themselves as strings', () => {
    for (const order of ['debian', 'semver'] as const) {
      expect(compareVersions('$(id)', '1.0', order)).toBe(-1)
      expect(compareVersions('1.0', '`id`', order)).toBe(1)
      expect(compareVersions('a', 'b', order)).toBe(-1)
      expect(compareVersions('b', 'b', order)).toBe(0)
      for (const a of hostileNames)
        for (const b of hostileNames) expect(() => compareVersions(a, b, order)).not.toThrow()
    }
  })
})

describe('sortTagsNewestFirst / newestTag', () => {
  it('finds the newest DEP-14 packaging tag with dpkg order', () => {
    const list = tags(
      'debian/1%2.3.19.1+dfsg1-2',
      'debian/1%2.3.21+dfsg1-3',
      'debian/1%2.3.21+dfsg1-3+deb12u1',
      'debian/1%2.4.0_rc1-1',
      'upstream/2.4.0_rc1',
      'upstream/2.3.21',
    )
    expect(newestTag(list, ['debian/*'], 'auto')).toEqual({
      name: 'debian/1%2.4.0_rc1-1',
      commit: list[3]?.commit,
      version: '1:2.4.0~rc1-1',
    })
    expect(newestTag(list, ['debian/*2.3*'], 'auto')?.version).toBe('1:2.3.21+dfsg1-3+deb12u1')
    expect(newestTag(list, ['upstream/*'], 'auto')?.version).toBe('2.4.0~rc1')
    expect(newestTag(list, ['upstream/*'], 'semver')?.version).toBe('2.3.21') // `_` means nothing to semver
  })

  it('finds the newest plain release tag, releases after their prereleases', () => {
    const list = tags('v2.4.1-rc.1', 'v2.4.0', 'v2.4.1', 'v2.4.1-beta', 'v2.10.0-rc.1', 'v2.9.9', 'nightly')
    expect(newestTag(list, ['*'], 'auto')?.name).toBe('v2.10.0-rc.1')
    expect(newestTag(list, ['v2.4.*'], 'auto')?.name).toBe('v2.4.1')
    expect(sortTagsNewestFirst(list, ['v2.4*'], 'semver').map((tag) => tag.name)).toEqual([
      'v2.4.1',
      'v2.4.1-rc.1',
      'v2.4.1-beta',
      'v2.4.0',
    ])
  })

  it('orders name-prefixed tags numerically: pkg-1.10 after pkg-1.9', () => {
    const list = tags('pkg-1.9', 'pkg-1.10', 'pkg-1.2')
    expect(sortTagsNewestFirst(list, ['pkg-*'], 'auto').map((tag) => tag.version)).toEqual([
      '1.10',
      '1.9',
      '1.2',
    ])
    expect(newestTag(tags('qmail-1.01', 'qmail-1.03', 'qmail-1.02'), ['qmail-*'], 'auto')?.name).toBe(
      'qmail-1.03',
    )
  })

  it('breaks ties between equal versions by name, whatever the input order', () => {
    const list = tags('v1.0', '1.0', 'release-1.0.0', 'v0.9')
    const expected = ['1.0', 'release-1.0.0', 'v1.0', 'v0.9']
    expect(sortTagsNewestFirst(list, ['*'], 'auto').map((tag) => tag.name)).toEqual(expected)
    expect(sortTagsNewestFirst([...list].reverse(), ['*'], 'auto').map((tag) => tag.name)).toEqual(expected)
    expect(newestTag([...list].reverse(), ['*'], 'auto')?.name).toBe('1.0')
  })

  it('ignores tags without a version, tags outside the globs, and hostile names', () => {
    const list = tags(...hostileNames, 'latest', 'v1.0', 'v3.0-not-matched')
    expect(sortTagsNewestFirst(list, ['*'], 'semver').map((tag) => tag.name)).toEqual([
      'v3.0-not-matched',
      'v1.0',
    ])
    expect(newestTag(list, ['v1*'], 'auto')?.name).toBe('v1.0')
    expect(newestTag(list, ['x*'], 'auto')).toBeUndefined()
    expect(newestTag(list, [], 'auto')).toBeUndefined()
    expect(newestTag([], ['*'], 'debian')).toBeUndefined()
  })

  it('decides auto once for the whole set, so plain tags next to DEP-14 tags use dpkg order', () => {
    const list = tags('debian/2.0-1', '2.0-rc1', '2.0')
    expect(newestTag(list, ['*'], 'auto')?.name).toBe('2.0-rc1') // dpkg: "rc1" is a revision, newer than none
    expect(newestTag(list, ['2*'], 'auto')?.name).toBe('2.0') // no DEP-14 tag among the matches: semver
  })

  it('copes with absurdly long versions', () => {
    const huge = `v${'9'.repeat(10000)}`
    for (const order of ['debian', 'semver'] as const) {
      expect(newestTag(tags('v1.0', huge, `${huge}1`), ['*'], order)?.name).toBe(`${huge}1`)
    }
  })

  it('keeps the extra fields of the given tags', () => {
    const [first] = sortTagsNewestFirst([{ name: 'v1.0', commit: 'c', peeled: true }], ['*'], 'auto')
    expect(first).toEqual({ name: 'v1.0', commit: 'c', peeled: true, version: '1.0' })
  })
})
