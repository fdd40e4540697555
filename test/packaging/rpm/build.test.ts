import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { rpmPackager } from '../../../src/packaging/rpm/packager.js'
import { run } from '../../../src/process/run.js'
import { tempDir } from '../../support/tmp.js'
import {
  autosetupSpec,
  buildRequest,
  installPatch,
  makeRpmRepo,
  noDebounce,
  qmailPackaging,
  qmailSources,
} from './fixtures.js'

const rpmQuery = async (file: string, ...args: string[]) =>
  (await run('rpm', ['-qp', ...args, file], { env: { LC_ALL: 'C' } })).stdout.trim()

/** %prep of the source rpm in a fresh topdir (`rpmbuild -rp`): the tree a binary build would start from. */
async function prepOf(srpm: string, dir: string): Promise<string> {
  const top = await tempDir('pc-rp-')
  await run('rpmbuild', ['-rp', '--nodeps', '--define', `_topdir ${top}`, srpm], { env: { LC_ALL: 'C' } })
  return join(top, 'BUILD', dir)
}

describe('rpmPackager.build', () => {
  it('builds a classic qmail-style spec: Version, Release, %changelog, Source0, the code commit as Patch1', async () => {
    const fixture = await makeRpmRepo(qmailSources('1.0'), qmailPackaging('1.0'), [
      ['Drop the IDLE debounce: 100% faster', noDebounce('1.0')],
    ])
    const request = await buildRequest(fixture)
    const built = await rpmPackager.build(request)

    expect(built.version).toBe('1.0-1+carrier1')
    const out = request.settings.outputDir
    const patch = '0001-Drop-the-IDLE-debounce-100-faster.patch'
    expect(built.files).toEqual(
      [
        'qmail.spec',
        'qmail-1.0.tar.gz',
        'qmail.init',
        'qmail-install.patch',
        patch,
        'qmail-1.0-1+carrier1.src.rpm',
      ].map((name) => join(out, name)),
    )
    const spec = await readFile(join(out, 'qmail.spec'), 'utf8')
    expect(spec).toMatch(/^Release: 1\+carrier1$/m)
    expect(spec).toContain(
      `Patch: qmail-install.patch\n# Downstream commits to upstream files, exported by patch-carrier\nPatch1: ${patch}\n`,
    )
    expect(spec).toContain('%setup -q\n%patch -p1\n%patch -P 1 -p1\n')
    expect(spec).toContain(
      '%changelog\n* Thu Jan 01 2026 patch-carrier <patch-carrier@users.noreply.github.com> - 1.0-1+carrier1\n',
    )
    const exported = await readFile(join(out, patch), 'utf8')
    expect(exported).toMatch(/^From: Fixture Author <author@example.org>$/m)
    expect(exported).toMatch(/^Subject: Drop the IDLE debounce: 100% faster$/m)
    expect(exported).toContain('--- a/qmail.c\n+++ b/qmail.c\n')
    expect(exported).not.toContain('qmail.spec')

    const tarball = (await run('tar', ['-tzf', join(out, 'qmail-1.0.tar.gz')])).stdout
      .split('\n')
      .filter(Boolean)
    expect(tarball.sort()).toEqual([
      'qmail-1.0/',
      'qmail-1.0/Makefile',
      'qmail-1.0/README',
      'qmail-1.0/install.c',
      'qmail-1.0/qmail.c',
    ])

    const srpm = built.files[built.files.length - 1]!
    expect(await rpmQuery(srpm, '--qf', '%{VERSION}-%{RELEASE}')).toBe('1.0-1+carrier1')
    expect((await rpmQuery(srpm, '-l')).split('\n').sort()).toEqual(
      ['qmail.spec', 'qmail-1.0.tar.gz', 'qmail.init', 'qmail-install.patch', patch].sort(),
    )
    expect(await rpmQuery(srpm, '--changelog')).toContain(
      '- Downstream changes carried onto upstream tag v1.0 by patch-carrier.',
    )
    const tree = await prepOf(srpm, 'qmail-1.0')
    expect(await readFile(join(tree, 'qmail.c'), 'utf8')).toContain('debounce_ms = 0')
    expect(await readFile(join(tree, 'install.c'), 'utf8')).toContain('/usr/lib/qmail')
  })

  it('builds an %autosetup -p1 spec reproducibly, adding only a PatchN line', async () => {
    const fixture = await makeRpmRepo(qmailSources('1.0'), { 'qmail.spec': autosetupSpec('1.0') }, [
      ['No debounce', noDebounce('1.0')],
    ])
    const first = await rpmPackager.build(await buildRequest(fixture))
    const again = await rpmPackager.build(await buildRequest(fixture))
    expect(first.files.map((file) => basename(file))).toEqual([
      'qmail.spec',
      'qmail-1.0.tar.gz',
      '0001-No-debounce.patch',
      'qmail-1.0-1+carrier1.src.rpm',
    ])
    for (const [index, file] of first.files.entries()) {
      expect(await readFile(file)).toEqual(await readFile(again.files[index]!))
    }
    const spec = await readFile(first.files[0]!, 'utf8')
    expect(spec).toMatch(/^Release: {8}1\+carrier1%\{\?dist\}$/m)
    expect(spec).toContain(
      'Source0:        %{forgeurl}/archive/v%{version}/%{name}-%{version}.tar.gz\n# Downstream',
    )
    expect(spec).toContain('\nPatch0: 0001-No-debounce.patch\n')
    expect(spec).not.toContain('%patch')
    const tree = await prepOf(first.files[3]!, 'qmail-1.0')
    expect(await readFile(join(tree, 'qmail.c'), 'utf8')).toContain('debounce_ms = 0')
  })

  it('names what is missing: a Source file not committed beside the spec', async () => {
    const packaging = qmailPackaging('1.0')
    delete packaging['qmail.init']
    const fixture = await makeRpmRepo(qmailSources('1.0'), packaging)
    await expect(rpmPackager.build(await buildRequest(fixture))).rejects.toThrow(
      /Source1 \(qmail\.init\) is not in the top directory of [0-9a-f]{12}: commit it beside the spec/,
    )
  })
})

describe('rpmPackager.checkPatches', () => {
  it('is ok while the spec patches apply, and a conflict value naming the patch when one needs fuzz', async () => {
    const ok = await makeRpmRepo(qmailSources('1.0'), qmailPackaging('1.0'), [
      ['No debounce', noDebounce('1.0')],
    ])
    const settings = (await buildRequest(ok)).settings
    expect(await rpmPackager.checkPatches(ok.repo, ok.head, settings)).toEqual({
      kind: 'ok',
      head: ok.head,
      dropped: [],
    })

    const moved = {
      ...qmailSources('1.0'),
      'install.c': qmailSources('1.0')['install.c']!.replace('<stdio.h>', '<unistd.h>'),
    }
    const bad = await makeRpmRepo(moved, qmailPackaging('1.0'))
    const check = await rpmPackager.checkPatches(bad.repo, bad.head, settings)
    expect(check).toMatchObject({
      kind: 'conflict',
      head: bad.head,
      failed: { kind: 'patch', name: 'qmail-install.patch' },
    })
    if (check.kind !== 'conflict') return
    expect(check.failed.kind === 'patch' && check.failed.output).toContain('1 out of 1 hunk FAILED')
    expect(check.files).toEqual([
      { path: 'install.c', hunks: expect.stringContaining('-#define PREFIX "/var/qmail"') },
    ])
    expect(installPatch).toContain('install.c')
  })
})
