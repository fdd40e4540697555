import { createHash } from 'node:crypto'
import { request } from 'node:http'
import { readFile, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../../src/process/run.js'
import { fastPatch, helloMainC } from '../support/debian-fixtures.js'
import {
  makeArchive,
  makeArchiveKey,
  makeSourcePackage,
  type ArchiveKey,
  type LocalArchive,
  type SourceSpec,
} from '../support/debian-archive.js'
import { tempDir } from '../support/tmp.js'

const T = 30_000
const version = '1:1.0-1+deb12u1'
const spec: SourceSpec = {
  source: 'hello',
  version,
  upstream: { 'main.c': helloMainC('hello'), README: 'hello\n' },
  components: { docs: { 'manual.txt': 'the manual\n' } },
  patches: { 'fast.patch': fastPatch },
}

let archive: LocalArchive
let upstreamKey: ArchiveKey
let dsc: string
let builtAt: number

async function fetchBytes(path: string): Promise<Buffer> {
  const response = await fetch(`${archive.url}/${path}`)
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`)
  return Buffer.from(await response.arrayBuffer())
}

/** gpgv's verdict on a clear-signed file, in an empty GNUPGHOME so only `keyring` counts. */
async function gpgv(keyring: string, text: Buffer) {
  const dir = await tempDir('pc-gpgv-')
  await writeFile(join(dir, 'InRelease'), text)
  return run('gpgv', ['--keyring', keyring, join(dir, 'InRelease')], {
    env: { GNUPGHOME: dir },
    okCodes: [0, 1, 2],
  })
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
/** The `SHA256:` line of a Release for `path`: [hash, size]. */
const listed = (release: string, path: string) =>
  new RegExp(`^ ([0-9a-f]{64}) +(\\d+) ${path}$`, 'm').exec(release)?.slice(1, 3)

beforeAll(async () => {
  upstreamKey = await makeArchiveKey('Upstream Release <release@example.org>')
  archive = await makeArchive({
    suites: [{ codename: 'bookworm', suite: 'stable', validForDays: 7 }, { codename: 'bookworm-security' }],
  })
  dsc = await makeSourcePackage({ ...spec, origSignature: upstreamKey })
  builtAt = Date.now()
  await archive.include('bookworm-security', dsc)
})

afterAll(async () => {
  await archive?.close()
  await upstreamKey?.close()
})

describe('local Debian archive fixture', () => {
  it('serves an InRelease that gpgv accepts with the archive keyring', { timeout: T }, async () => {
    const inRelease = await fetchBytes('dists/bookworm-security/InRelease')
    expect(inRelease.toString()).toMatch(/^Codename: bookworm-security$/m)
    expect(listed(inRelease.toString(), 'main/source/Sources.xz')).toBeDefined()
    expect(listed(inRelease.toString(), 'main/source/Sources.gz')).toBeDefined()
    const verdict = await gpgv(archive.key.keyringFile, inRelease)
    expect(verdict.code, verdict.stderr).toBe(0)
    expect(verdict.stderr).toContain('Good signature')
    // ValidFor only on the suite that asked for it
    expect((await fetchBytes('dists/bookworm/InRelease')).toString()).toMatch(/^Valid-Until: /m)
    expect(inRelease.toString()).not.toMatch(/^Valid-Until: /m)
  })

  it(
    'an InRelease re-signed by another key is refused with the archive keyring',
    { timeout: T },
    async () => {
      const intruder = await makeArchiveKey('Intruder <intruder@example.org>')
      await archive.resign(
        'bookworm',
        (release) => release.replace(/^Date: .*$/m, 'Date: Sat, 01 Jan 2000 00:00:00 UTC'),
        intruder,
      )
      const inRelease = await fetchBytes('dists/bookworm/InRelease')
      expect(inRelease.toString()).toContain('Date: Sat, 01 Jan 2000 00:00:00 UTC')
      const refused = await gpgv(archive.key.keyringFile, inRelease)
      expect(refused.code).not.toBe(0)
      expect(refused.stderr).toMatch(/No public key|Can't check signature/)
      // the intruder's signature itself is good: it is the key, not the signing, that fails
      expect((await gpgv(intruder.keyringFile, inRelease)).code).toBe(0)
      await intruder.close()
    },
  )

  it(
    'Sources.xz over HTTP matches the Release and lists the package with Checksums-Sha256',
    { timeout: T },
    async () => {
      const release = (await fetchBytes('dists/bookworm-security/Release')).toString()
      const xz = await fetchBytes('dists/bookworm-security/main/source/Sources.xz')
      expect(listed(release, 'main/source/Sources.xz')).toEqual([sha256(xz), String(xz.length)])
      const sources = (await run('xz', ['-dc'], { input: xz })).stdout
      expect(sources).toMatch(/^Package: hello$/m)
      expect(sources).toContain(`\nVersion: ${version}\n`)
      expect(sources).toMatch(/^Directory: pool\/main\/h\/hello$/m)
      // reprepro writes the field name with a trailing space: `Checksums-Sha256: `
      const sha = /^Checksums-Sha256: *\n((?: .*\n)+)/m.exec(sources)?.[1] ?? ''
      const files = new Map(
        sha
          .split('\n')
          .filter(Boolean)
          .map((line) => {
            const [hash, size, name] = line.trim().split(/\s+/)
            return [name!, [hash, size]] as const
          }),
      )
      expect([...files.keys()].sort()).toEqual([
        'hello_1.0-1+deb12u1.debian.tar.xz',
        'hello_1.0-1+deb12u1.dsc',
        'hello_1.0.orig-docs.tar.xz',
        'hello_1.0.orig.tar.xz',
        'hello_1.0.orig.tar.xz.asc',
      ])
      const pooled = await fetchBytes('pool/main/h/hello/hello_1.0-1+deb12u1.dsc')
      expect(files.get('hello_1.0-1+deb12u1.dsc')).toEqual([sha256(pooled), String(pooled.length)])
    },
  )

  it(
    'a cut fault makes the fetch fail, a 404 fault answers 404, and both can be removed',
    { timeout: T },
    async () => {
      const path = 'dists/bookworm-security/main/source/Sources.xz'
      const full = (await fetchBytes(path)).length
      archive.requests.length = 0
      const heal = archive.fault('Sources.xz', 'cut')
      await expect(fetchBytes(path)).rejects.toThrow()
      expect(archive.requests).toEqual([{ path: `/${path}`, status: 200, bytes: Math.floor(full / 2) }])
      heal()
      const missing = archive.fault('/InRelease', '404')
      expect((await fetch(`${archive.url}/dists/bookworm-security/InRelease`)).status).toBe(404)
      missing()
      expect((await fetchBytes(path)).length).toBe(full)
      expect((await fetchBytes('dists/bookworm-security/InRelease')).length).toBeGreaterThan(0)
    },
  )

  it('dpkg-source -x --skip-patches unpacks the .dsc downloaded from the pool', { timeout: T }, async () => {
    const dir = await tempDir('pc-download-')
    const pool = 'pool/main/h/hello'
    const dscText = (await fetchBytes(`${pool}/${basename(dsc)}`)).toString()
    await writeFile(join(dir, basename(dsc)), dscText)
    for (const [, name] of dscText.matchAll(/^ [0-9a-f]{64} \d+ (\S+)$/gm))
      await writeFile(join(dir, name!), await fetchBytes(`${pool}/${name}`))
    await run('dpkg-source', ['-x', '--skip-patches', basename(dsc), 'tree'], { cwd: dir })
    const tree = join(dir, 'tree')
    expect(await readFile(join(tree, 'main.c'), 'utf8')).toBe(helloMainC('hello')) // patch not applied
    expect(await readFile(join(tree, 'docs/manual.txt'), 'utf8')).toBe('the manual\n')
    expect(await readFile(join(tree, 'debian/patches/series'), 'utf8')).toBe('fast.patch\n')
    expect(await readFile(join(tree, 'debian/changelog'), 'utf8')).toMatch(
      /^hello \(1:1\.0-1\+deb12u1\) unstable;/,
    )
  })

  it('the same SourceSpec gives byte-identical orig tarballs', { timeout: T }, async () => {
    // in a later second than the first build, so file times that leaked into the tarball would show
    await new Promise((done) => setTimeout(done, Math.max(0, 1000 - (Date.now() - builtAt))))
    const again = await makeSourcePackage(spec)
    for (const name of ['hello_1.0.orig.tar.xz', 'hello_1.0.orig-docs.tar.xz'])
      expect(sha256(await readFile(join(again, '..', name)))).toBe(
        sha256(await readFile(join(dsc, '..', name))),
      )
    expect(await readFile(join(again, '..', 'hello_1.0.orig.tar.xz.asc')).catch(() => 'none')).toBe('none')
  })

  it(
    'a superseding upload is remove + include; a downgrade or a missing package fails',
    { timeout: T },
    async () => {
      const newer = await makeSourcePackage({ ...spec, version: '1:1.0-1+deb12u2' })
      await archive.include('bookworm', newer)
      await expect(archive.include('bookworm', dsc)).rejects.toThrow(/Skipping inclusion/)
      await expect(archive.remove('bookworm', 'nothere')).rejects.toThrow(/not in bookworm/)
      await archive.remove('bookworm', 'hello')
      await archive.include('bookworm', dsc)
      const sources = (
        await run('xz', ['-dc'], { input: await fetchBytes('dists/bookworm/main/source/Sources.xz') })
      ).stdout
      expect(sources).toContain(`\nVersion: ${version}\n`)
      expect(sources).not.toContain('deb12u2')
    },
  )

  it(
    'corrupt changes a file without re-signing; the server refuses traversal and other methods',
    { timeout: T },
    async () => {
      const path = 'dists/bookworm-security/main/source/Sources.gz'
      const before = await fetchBytes(path)
      await archive.corrupt(path)
      const after = await fetchBytes(path)
      expect(after.length).toBe(before.length)
      expect(sha256(after)).not.toBe(sha256(before))
      const release = (await fetchBytes('dists/bookworm-security/Release')).toString()
      expect(listed(release, 'main/source/Sources.gz')?.[0]).toBe(sha256(before))
      const raw = (method: string, path: string) =>
        new Promise<number>((resolve, reject) =>
          request(`${archive.url}${path}`, { method }, (response) => {
            response.resume()
            resolve(response.statusCode ?? 0)
          })
            .on('error', reject)
            .end(),
        )
      expect(await raw('GET', '/..%2f..%2f..%2fetc%2fpasswd')).toBe(403)
      expect(await raw('GET', '/conf/distributions')).toBe(404)
      expect(await raw('POST', '/dists/bookworm/InRelease')).toBe(405)
      expect(await raw('GET', '/dists/bookworm/InRelease')).toBe(200)
    },
  )
})
