import { describe, expect, it } from 'vitest'
import { comparePlainVersions, isValidPlainVersion, parsePlainVersion } from '../../src/versions/semver.js'

const sign = (a: string, b: string): number => comparePlainVersions(a, b)

describe('parsePlainVersion', () => {
  it('splits release parts and prerelease identifiers, dropping build metadata', () => {
    expect(parsePlainVersion('2.4.1')).toEqual({ release: ['2', '4', '1'], prerelease: [] })
    expect(parsePlainVersion('2.4.1-rc.1+build.5')).toEqual({
      release: ['2', '4', '1'],
      prerelease: ['rc', '1'],
    })
    expect(parsePlainVersion('1.0rc1')).toEqual({ release: ['1', '0'], prerelease: ['rc1'] })
    expect(parsePlainVersion('1.0~beta2')).toEqual({ release: ['1', '0'], prerelease: ['beta2'] })
  })

  it.each(['', 'v1.0', '1.', '.1', '1..2', '1.0-', '1.0-rc..1', '1.0+', '1.0 ', '1.0;x', '1.0.rc1', '１.０'])(
    'rejects %j',
    (version) => {
      expect(parsePlainVersion(version)).toBeUndefined()
      expect(isValidPlainVersion(version)).toBe(false)
      expect(() => comparePlainVersions(version, '1.0')).toThrow(/Invalid release version/)
    },
  )
})

describe('comparePlainVersions', () => {
  it('compares release parts numerically', () => {
    expect(sign('1.10', '1.9')).toBe(1)
    expect(sign('2.4.1', '2.4.10')).toBe(-1)
    expect(sign('1.03', '1.3')).toBe(0)
    expect(sign('1.0', '1.0.0')).toBe(0)
    expect(sign('1.0.1', '1.0')).toBe(1)
    expect(sign('99999999999999999999.1', '99999999999999999999.0')).toBe(1)
  })

  it('puts a prerelease before its release', () => {
    expect(sign('2.4.1-rc.1', '2.4.1')).toBe(-1)
    expect(sign('2.4.1-beta', '2.4.1')).toBe(-1)
    expect(sign('2.4.1rc1', '2.4.1')).toBe(-1)
    expect(sign('2.4.1~rc1', '2.4.1')).toBe(-1)
    expect(sign('2.4.1-rc.1', '2.4.0')).toBe(1)
  })

  it('follows the semver precedence example', () => {
    const ascending = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
    ]
    for (let i = 0; i + 1 < ascending.length; i++)
      expect(sign(ascending[i] ?? '', ascending[i + 1] ?? '')).toBe(-1)
    expect([...ascending].reverse().sort(comparePlainVersions)).toEqual(ascending)
  })

  it('orders numbers inside an identifier by value, so rc10 follows rc9', () => {
    expect(sign('1.0-rc10', '1.0-rc9')).toBe(1)
    expect(sign('1.0-rc', '1.0-rc1')).toBe(-1)
  })

  it('ignores build metadata', () => {
    expect(sign('1.0+build.1', '1.0+build.2')).toBe(0)
    expect(sign('1.0-rc.1+x', '1.0-rc.1')).toBe(0)
  })
})
