import { describe, expect, it } from 'vitest'
import { cacheKeys, cachePaths, origVariant, tagKeyPart } from '../../src/cache/keys.js'

const salsa = 'https://salsa.debian.org/debian/dovecot.git'

describe('cache keys and paths', () => {
  it('key by upstream URL and tag; restore from the newest entry of the same upstream', () => {
    const keys = cacheKeys(salsa, 'debian/1%2.3.21+dfsg1-3')
    expect(keys.primary).toMatch(/^patch-carrier-v1-[0-9a-f]{16}-debian_1%2\.3\.21\+dfsg1-3-[0-9a-f]{8}$/)
    expect(keys.restore).toEqual([keys.primary.slice(0, keys.primary.indexOf('debian_'))])
    expect(keys.primary.startsWith(keys.restore[0]!)).toBe(true)
    // same inputs, same key: a later run finds it
    expect(cacheKeys(salsa, 'debian/1%2.3.21+dfsg1-3')).toEqual(keys)
  })

  it('distinct upstreams and distinct tags never share a key, whatever characters the tag holds', () => {
    const keys = new Set([
      cacheKeys(salsa, 'a/b').primary,
      cacheKeys(salsa, 'a_b').primary,
      cacheKeys(salsa, 'a,b').primary,
      cacheKeys(`${salsa}/`, 'a/b').primary,
      cacheKeys('https://example.org/dovecot.git', 'a/b').primary,
    ])
    expect(keys.size).toBe(5)
    for (const key of keys) {
      expect(key).not.toMatch(/[,\s]/) // the cache service refuses commas
      expect(key.length).toBeLessThanOrEqual(512)
    }
    expect(tagKeyPart('x'.repeat(400)).length).toBeLessThan(120)
  })

  it('keeps no part of the URL in keys or paths (only its hash)', () => {
    const url = 'https://git.example.org/private/secret-project.git'
    const keys = cacheKeys(url, 'v1.0')
    const paths = cachePaths('/runner/_temp/patch-carrier-cache', url)
    for (const text of [keys.primary, ...keys.restore, paths.dir, paths.objects, paths.orig])
      expect(text).not.toContain('secret-project')
    expect(paths.objects.startsWith(`${paths.dir}/`)).toBe(true)
    expect(paths.orig.startsWith(`${paths.dir}/`)).toBe(true)
  })

  it('orig tarballs made differently live apart', () => {
    expect(origVariant('auto', [])).not.toBe(origVariant('git-archive', []))
    expect(origVariant('auto', ['pigeonhole'])).not.toBe(origVariant('auto', []))
  })
})
