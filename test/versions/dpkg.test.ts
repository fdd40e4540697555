import { describe, expect, it } from 'vitest'
import {
  compareDebianVersions,
  isValidDebianVersion,
  parseDebianVersion,
  upstreamVersionOf,
} from '../../src/versions/dpkg.js'

describe('parseDebianVersion', () => {
  it('splits epoch, upstream version and revision', () => {
    expect(parseDebianVersion('1:2.3.21+dfsg1-3')).toEqual({
      epoch: 1,
      upstream: '2.3.21+dfsg1',
      revision: '3',
    })
    expect(parseDebianVersion('2.4.1')).toEqual({ epoch: 0, upstream: '2.4.1' })
    expect(parseDebianVersion('0:1.0-0')).toEqual({ epoch: 0, upstream: '1.0', revision: '0' })
  })

  it('leaves the revision out entirely when there is none', () => {
    expect('revision' in parseDebianVersion('1.0')).toBe(false)
  })

  it('takes the revision after the last hyphen', () => {
    expect(parseDebianVersion('1.2-beta-3ubuntu1')).toEqual({
      epoch: 0,
      upstream: '1.2-beta',
      revision: '3ubuntu1',
    })
  })

  it('keeps further colons in the upstream version when there is an epoch', () => {
    expect(parseDebianVersion('1:2:3-4')).toEqual({ epoch: 1, upstream: '2:3', revision: '4' })
  })

  it('reads an epoch with leading zeros as its number', () => {
    expect(parseDebianVersion('007:1.0').epoch).toBe(7)
  })

  it.each([
    ['', /empty/],
    ['a1.0', /start with a digit/],
    ['.1', /start with a digit/],
    ['1.0-', /revision .* empty/],
    ['-1', /upstream version is empty/],
    [':1.0', /epoch .* empty/],
    ['x:1.0', /epoch is not a number/],
    ['-1:1.0', /epoch is not a number/],
    ['1:', /nothing follows the epoch/],
    ['99999999999:1', /epoch is too big/],
    ['1.0_1', /upstream version has a character/],
    ['1.0 1', /upstream version has a character/],
    ['1.0/1', /upstream version has a character/],
    ['1.0-1_2', /revision has a character/],
    ['1.0-a:b', /epoch is not a number/], // the first colon always ends the epoch
    ['1.0-a/b', /revision has a character/],
    ['1.0é', /upstream version has a character/],
  ])('rejects %j with a clear message', (version, reason) => {
    expect(() => parseDebianVersion(version)).toThrow(reason)
    expect(() => parseDebianVersion(version)).toThrow(`Invalid Debian version ${JSON.stringify(version)}`)
    expect(isValidDebianVersion(version)).toBe(false)
  })

  it('accepts every character the format allows', () => {
    expect(isValidDebianVersion('1:0aZ.+~:-b.+~9')).toBe(true)
  })
})

describe('upstreamVersionOf', () => {
  it('drops epoch and revision', () => {
    expect(upstreamVersionOf('1:2.3.21+dfsg1-3')).toBe('2.3.21+dfsg1')
    expect(upstreamVersionOf('2.4~rc1')).toBe('2.4~rc1')
    expect(upstreamVersionOf('1:1.2-beta-3')).toBe('1.2-beta')
  })

  it('throws on something that is not a version', () => {
    expect(() => upstreamVersionOf('$(id)')).toThrow(/Invalid Debian version/)
  })
})

describe('compareDebianVersions', () => {
  const sign = (a: string, b: string): number => Math.sign(compareDebianVersions(a, b))

  it('orders the tilde before everything, even the end, and letters before other characters', () => {
    const ascending = ['1.0~~', '1.0~~a', '1.0~', '1.0', '1.0Z', '1.0a', '1.0+', '1.0.', '1.0.1']
    for (let i = 0; i + 1 < ascending.length; i++)
      expect(sign(ascending[i] ?? '', ascending[i + 1] ?? '')).toBe(-1)
    expect(sign('1.0~rc1', '1.0')).toBe(-1)
    expect(sign('1.0.', '1.0.0')).toBe(0) // an empty digit run counts as zero
  })

  it('compares digit runs numerically, ignoring leading zeros', () => {
    expect(sign('1.10', '1.9')).toBe(1)
    expect(sign('1.01', '1.1')).toBe(0)
    expect(sign('1.0010', '1.9')).toBe(1)
    expect(sign('123456789012345678901234567890', '123456789012345678901234567891')).toBe(-1)
  })

  it('lets the epoch win over everything else', () => {
    expect(sign('1:1.0', '9.9')).toBe(1)
    expect(sign('0:9.9', '9.9')).toBe(0)
    expect(sign('2:1.0', '10:1.0')).toBe(-1)
  })

  it('treats an absent revision like "0"', () => {
    expect(sign('1.0', '1.0-0')).toBe(0)
    expect(sign('1.0-0', '1.0-00')).toBe(0)
    expect(sign('1.0', '1.0-1')).toBe(-1)
    expect(sign('1.0', '1.0-~')).toBe(1)
  })

  it('compares the revision only when the upstream versions are equal', () => {
    expect(sign('1.0-9', '1.0.1-1')).toBe(-1)
    expect(sign('1.0-1', '1.0-1ubuntu1')).toBe(-1)
    expect(sign('1.0-1~bpo12+1', '1.0-1')).toBe(-1)
    expect(sign('1:2.3.21+dfsg1-3', '1:2.3.21+dfsg1-3+deb12u1')).toBe(-1)
  })

  it('is antisymmetric', () => {
    expect(sign('1:2.3.21+dfsg1-3', '1:2.3.21.1+dfsg1-1')).toBe(-1)
    expect(sign('1:2.3.21.1+dfsg1-1', '1:2.3.21+dfsg1-3')).toBe(1)
  })

  it('throws on something that is not a version', () => {
    expect(() => compareDebianVersions('1.0', 'v1.0')).toThrow(/"v1.0"/)
  })
})
