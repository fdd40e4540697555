import { describe, expect, it } from 'vitest'
import { debianTag, dep14Decode, dep14Encode, parseDep14Tag, upstreamTag } from '../../src/versions/dep14.js'
import { run } from '../../src/process/run.js'

describe('dep14Encode / dep14Decode', () => {
  it.each([
    ['1:2.3.21+dfsg1-3', '1%2.3.21+dfsg1-3'],
    ['2.4~rc1-1', '2.4_rc1-1'],
    ['1:1.0~~beta-1~bpo12+1', '1%1.0__beta-1_bpo12+1'],
    ['1.2..3', '1.2.#.3'],
    ['1...2', '1.#.#.2'],
    ['1.2.', '1.2.#'],
    ['1.0.lock', '1.0.#lock'],
    ['1..lock', '1.#.#lock'],
    ['1.lockfile', '1.lockfile'],
    ['2.3.21', '2.3.21'],
  ])('%s ↔ %s', (version, encoded) => {
    expect(dep14Encode(version)).toBe(encoded)
    expect(dep14Decode(encoded)).toBe(version)
  })

  it('gives names that git accepts as tags', async () => {
    for (const version of ['1:2.3-1', '1.2..3', '1.2.', '1.0.lock', '1.0~rc1']) {
      const name = `refs/tags/debian/${dep14Encode(version)}`
      await expect(run('git', ['check-ref-format', name])).resolves.toMatchObject({ code: 0 })
    }
  })
})

describe('debianTag / upstreamTag', () => {
  it('builds DEP-14 tag names', () => {
    expect(debianTag('1:2.3-1')).toBe('debian/1%2.3-1')
    expect(debianTag('2.4~rc1-0ubuntu1', 'ubuntu')).toBe('ubuntu/2.4_rc1-0ubuntu1')
    expect(upstreamTag('2.3')).toBe('upstream/2.3')
    expect(upstreamTag('2.4~rc1')).toBe('upstream/2.4_rc1')
  })

  it('refuses versions and vendors that would make a strange ref', () => {
    expect(() => debianTag('v1.0')).toThrow(/Invalid Debian version "v1.0"/)
    expect(() => debianTag('1.0-1', '../x')).toThrow(/vendor/)
    expect(() => debianTag('1.0-1', '')).toThrow(/vendor/)
    expect(() => upstreamTag('1:2.3')).toThrow(/upstream version/)
    expect(() => upstreamTag('-rf')).toThrow(/upstream version/)
  })
})

describe('parseDep14Tag', () => {
  it('splits vendor and decoded version', () => {
    expect(parseDep14Tag('debian/1%2.3.21+dfsg1-3')).toEqual({
      vendor: 'debian',
      version: '1:2.3.21+dfsg1-3',
    })
    expect(parseDep14Tag('upstream/2.3.21')).toEqual({ vendor: 'upstream', version: '2.3.21' })
  })

  it.each([
    'v2.4.1',
    'debian/foo',
    'debian/',
    '/1.0',
    'a/b/1.0',
    'debian/1.0;rm',
    'debian/1.0 1',
    'de bian/1.0',
  ])('finds no DEP-14 tag in %j', (name) => {
    expect(parseDep14Tag(name)).toBeUndefined()
  })
})
