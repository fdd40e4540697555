import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../../src/process/run.js'
import { runAction } from '../support/action.js'
import { treeOfDirectory } from '../support/archive-fork.js'
import { git } from '../support/git.js'
import { tempDir } from '../support/tmp.js'
import {
  archiveScenario,
  cvePatch,
  hello,
  importOf,
  securityNotePatch,
  showFile,
} from './archive-scenario.js'

const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex')

describe('an archive upstream: every security upload becomes an upstream release', () => {
  it('imports the security upload, rebases the fork onto it and builds on the archive tarball', async () => {
    const { archive, fork, inputs } = await archiveScenario()
    const before = await fork.head()
    const result = await runAction(inputs)
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs.result).toBe('updated')
    expect(result.outputs['upstream-tag']).toBe('import/hello/1.0-1+deb12u1')
    expect(result.outputs['previous-tag']).toBe('base')
    expect(result.outputs.version).toBe('1.0-1+deb12u1+carrier1')

    // the import is on the fork: exactly the tree dpkg-source -x --skip-patches unpacks, author from the changelog
    const refs = await fork.refs()
    const imported = refs.get(importOf('1.0-1+deb12u1'))!
    expect(imported).toMatch(/^[0-9a-f]{40}$/)
    const pool = join(archive.dir, 'pool/main/h/hello')
    const unpacked = join(await tempDir('pc-x-'), 'tree')
    await run('dpkg-source', ['--skip-patches', '-x', join(pool, 'hello_1.0-1+deb12u1.dsc'), unpacked])
    expect(await git(fork.bare, 'rev-parse', `${imported}^{tree}`)).toBe(await treeOfDirectory(unpacked))
    expect(await git(fork.bare, 'log', '-1', '--format=%an <%ae> %aI', imported)).toBe(
      'Debian Maintainer <maint@example.org> 2026-02-01T12:00:00+01:00',
    )
    // the branch: the import, then the downstream commit; series has Debian's patch, then the fork's
    const head = result.outputs.commit!
    expect(refs.get('refs/heads/main')).toBe(head)
    expect(await git(fork.bare, 'rev-parse', `${head}~1`)).toBe(imported)
    expect(await showFile(fork.bare, head, 'debian/patches/series')).toBe('CVE-2026-0001.patch\nfast.patch')
    expect([...refs.keys()].some((ref) => ref.startsWith('refs/tags/patch-carrier/archive/base/'))).toBe(true)
    expect(refs.get(`refs/tags/patch-carrier/archive/base/${before.slice(0, 12)}`)).toBe(before)

    // the package carries Debian's orig tarball bit for bit, and both patches apply
    const files = JSON.parse(result.outputs.files!) as string[]
    const orig = files.find((file) => file.endsWith('.orig.tar.xz'))!
    expect(basename(orig)).toBe('hello_1.0.orig.tar.xz')
    expect(await sha256(orig)).toBe(await sha256(join(pool, 'hello_1.0.orig.tar.xz')))
    const x = join(await tempDir('pc-x-'), 'built')
    await run('dpkg-source', ['-x', files.find((file) => file.endsWith('.dsc'))!, x])
    expect(await readFile(join(x, 'README'), 'utf8')).toContain('parsing is safe')
    expect(await readFile(join(x, 'main.c'), 'utf8')).toContain('hello, fast')
    // a lean build tree (debian/ and the files the patches touch), yet the package is the whole tree's:
    // unpacked without its patches it is the branch head, with the new changelog entry
    expect(result.summary).toMatch(/build tree: debian\/ and the \d+ upstream files the patches touch/)
    const plain = join(await tempDir('pc-x-'), 'plain')
    await run('dpkg-source', ['--skip-patches', '-x', files.find((file) => file.endsWith('.dsc'))!, plain])
    const headTar = join(await tempDir('pc-head-'), 'head.tar')
    const expected = await tempDir('pc-head-')
    await git(fork.bare, 'archive', '-o', headTar, head)
    await run('tar', ['-x', '-f', headTar, '-C', expected])
    await writeFile(join(expected, 'debian/changelog'), await readFile(join(plain, 'debian/changelog')))
    expect(await treeOfDirectory(plain)).toBe(await treeOfDirectory(expected))

    // provenance: archive, suite, InRelease date, signing key, the sha256 of every file taken
    expect(result.summary).toContain(archive.url)
    expect(result.summary).toContain('bookworm-security')
    expect(result.summary).toContain(archive.key.fingerprint)
    expect(result.summary).toContain(await sha256(join(pool, 'hello_1.0-1+deb12u1.dsc')))
    expect(result.summary).toContain(await sha256(join(pool, 'hello_1.0.orig.tar.xz')))
    await archive.close()
  }, 120_000)

  it('an unchanged suite costs its InRelease and nothing more; a new upload follows the import history', async () => {
    const { archive, fork, inputs } = await archiveScenario()
    expect((await runAction(inputs)).outputs.result).toBe('updated')
    const first = (await fork.refs()).get(importOf('1.0-1+deb12u1'))!

    archive.requests.length = 0
    const again = await runAction(inputs)
    expect(again.code, again.stdout + again.stderr).toBe(0)
    expect(again.outputs.result).toBe('up-to-date')
    expect(archive.requests.map((request) => request.path).sort()).toEqual([
      '/dists/bookworm-security/InRelease',
      '/dists/bookworm/InRelease',
    ])

    // deb12u2 appends a second CVE patch: imported with the first import as its parent
    await archive.remove('bookworm-security', 'hello')
    await archive.include(
      'bookworm-security',
      await hello.security(2, {
        'CVE-2026-0001.patch': cvePatch(),
        'CVE-2026-0002.patch': securityNotePatch,
      }),
    )
    const update = await runAction(inputs)
    expect(update.code, update.stdout + update.stderr).toBe(0)
    expect(update.outputs.result).toBe('updated')
    expect(update.outputs['previous-tag']).toBe('import/hello/1.0-1+deb12u1')
    const second = (await fork.refs()).get(importOf('1.0-1+deb12u2'))!
    expect(await git(fork.bare, 'rev-parse', `${second}^`)).toBe(first)
    // the same orig tarball: only debian/ was unpacked again, and the tree is still dpkg-source's
    expect(update.summary).toContain('hello_1.0.orig.tar.xz')
    const unpacked = join(await tempDir('pc-x-'), 'tree')
    await run('dpkg-source', [
      '--skip-patches',
      '-x',
      join(archive.dir, 'pool/main/h/hello/hello_1.0-1+deb12u2.dsc'),
      unpacked,
    ])
    expect(await git(fork.bare, 'rev-parse', `${second}^{tree}`)).toBe(await treeOfDirectory(unpacked))
    expect(await showFile(fork.bare, update.outputs.commit!, 'debian/patches/series')).toBe(
      'CVE-2026-0001.patch\nCVE-2026-0002.patch\nfast.patch',
    )
    await archive.close()
  }, 180_000)

  it('never goes backwards: a suite whose newest version is lower leaves the branch alone', async () => {
    const { archive, fork, inputs } = await archiveScenario()
    expect((await runAction(inputs)).outputs.result).toBe('updated')
    const head = await fork.head()
    await archive.include('bookworm', await hello.other()) // bookworm's Sources changes: it is read again
    const result = await runAction({ ...inputs, 'upstream-suites': 'bookworm' })
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs.result).toBe('up-to-date')
    expect(result.stdout + result.summary).toContain('never goes backwards')
    expect(await fork.head()).toBe(head)
    await archive.close()
  }, 120_000)
})
