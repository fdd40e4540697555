import { describe, expect, it } from 'vitest'
import { fieldValue, parseDsc } from '../../../src/packaging/debian/dsc.js'

const body = `Format: 3.0 (quilt)
Source: hello
Version: 1:1.0-1
Checksums-Sha256:
 ${'a'.repeat(64)} 149 hello_1.0.orig-comp.tar.gz
 ${'b'.repeat(64)} 181 hello_1.0.orig.tar.gz
Files:
 ${'c'.repeat(32)} 149 hello_1.0.orig-comp.tar.gz
 ${'d'.repeat(32)} 181 hello_1.0.orig.tar.gz
 ${'e'.repeat(32)} 520 hello_1.0-1.debian.tar.xz
`

describe('parseDsc', () => {
  it('lists the files with their checksums', () => {
    const dsc = parseDsc(body)
    expect(fieldValue(dsc.fields, 'source')).toBe('hello')
    expect(fieldValue(dsc.fields, 'Version')).toBe('1:1.0-1')
    expect(dsc.files).toEqual([
      { name: 'hello_1.0.orig-comp.tar.gz', size: 149, md5: 'c'.repeat(32), sha256: 'a'.repeat(64) },
      { name: 'hello_1.0.orig.tar.gz', size: 181, md5: 'd'.repeat(32), sha256: 'b'.repeat(64) },
      { name: 'hello_1.0-1.debian.tar.xz', size: 520, md5: 'e'.repeat(32) },
    ])
  })

  it('reads a clear-signed .dsc', () => {
    const signed = `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n${body}\n-----BEGIN PGP SIGNATURE-----\n\nxyz\n-----END PGP SIGNATURE-----\n`
    expect(parseDsc(signed).files.map((file) => file.name)).toEqual([
      'hello_1.0.orig-comp.tar.gz',
      'hello_1.0.orig.tar.gz',
      'hello_1.0-1.debian.tar.xz',
    ])
  })
})
