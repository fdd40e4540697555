import { describe, expect, it } from 'vitest'
import { addPatches, patchStyle, setRelease, setVersion } from '../../../src/packaging/rpm/spec-edit.js'
import {
  newestChangelogDate,
  prependRpmChangelog,
  rpmChangelogDate,
} from '../../../src/packaging/rpm/changelog.js'
import { parseExpandedSpec, specEntries } from '../../../src/packaging/rpm/spec-info.js'
import { rpmVersionFor } from '../../../src/packaging/rpm/version.js'
import { autosetupSpec, qmailSpec } from './fixtures.js'

const tag = (name: string, version: string) => ({ name, commit: 'c'.repeat(40), version })

describe('spec edits', () => {
  it('sets Version and Release, keeping %{?dist}, and follows a Version macro to its definition', () => {
    const spec = setRelease(setVersion(autosetupSpec('1.0'), '1.1'), '1+carrier2')
    expect(spec).toMatch(/^Version: {8}1\.1$/m)
    expect(spec).toMatch(/^Release: {8}1\+carrier2%\{\?dist\}$/m)
    expect(spec).toContain('- Packaged.') // nothing else moved
    const macro = setVersion('%global upversion 1.0\nName: x\nVersion: %{upversion}\n%description\n', '2.0')
    expect(macro).toBe('%global upversion 2.0\nName: x\nVersion: %{upversion}\n%description\n')
    expect(() => setVersion('Name: x\n%description\nVersion: 1\n', '2')).toThrow('no Version: tag')
  })

  it('adds PatchN and %patch -P N -p1 lines to a classic spec, after the last Patch and %patch', () => {
    const spec = addPatches(
      qmailSpec('1.0'),
      [
        { number: 1, file: '0001-a.patch' },
        { number: 2, file: '0002-b.patch' },
      ],
      'exported',
    )
    expect(spec).toContain(
      'Patch: qmail-install.patch\n# exported\nPatch1: 0001-a.patch\nPatch2: 0002-b.patch\nBuildroot:',
    )
    expect(spec).toContain('%setup -q\n%patch -p1\n%patch -P 1 -p1\n%patch -P 2 -p1\n')
    const unpatched = addPatches(
      qmailSpec('1.0', { patch: false }),
      [{ number: 0, file: '0001-a.patch' }],
      'x',
    )
    expect(unpatched).toContain('Source1: qmail.init\n# x\nPatch0: 0001-a.patch\n')
    expect(unpatched).toContain('%setup -q\n%patch -P 0 -p1\n')
  })

  it('adds only PatchN lines to an %autosetup -p1 spec, and refuses %autosetup without -p1', () => {
    const spec = addPatches(autosetupSpec('1.0', ['fast.patch']), [{ number: 2, file: '0001-a.patch' }], 'x')
    expect(spec).toContain('Patch1:         fast.patch\n# x\nPatch2: 0001-a.patch\n')
    expect(spec).not.toContain('%patch')
    expect(patchStyle(spec)).toEqual({ kind: 'auto', line: '%autosetup -p1', level: 1 })
    const noLevel = autosetupSpec('1.0').replace('%autosetup -p1', '%autosetup')
    expect(() => addPatches(noLevel, [{ number: 1, file: 'a.patch' }], 'x')).toThrow('add -p1')
    expect(addPatches(noLevel, [], 'x')).toBe(noLevel)
    expect(() => patchStyle('Name: x\n%prep\ntar xf foo\n')).toThrow('neither %setup nor %autosetup')
  })

  it('prepends a %changelog entry with doubled %, or adds the section', () => {
    const entry = {
      date: new Date('2026-03-05T23:59:00Z'),
      maintainer: 'patch-carrier <pc@example.org>',
      versionRelease: '1.1-1+carrier1',
      items: ['Carried onto v1.1.', 'Carried commits:\n  - 100% faster (abc)'],
    }
    const spec = prependRpmChangelog(qmailSpec('1.0'), entry)
    expect(spec).toContain(
      '%changelog\n* Thu Mar 05 2026 patch-carrier <pc@example.org> - 1.1-1+carrier1\n- Carried onto v1.1.\n' +
        '- Carried commits:\n  - 100%% faster (abc)\n\n* Thu Jan 01 2026 Fork Maintainer',
    )
    expect(prependRpmChangelog('Name: x\n%files\n', entry)).toMatch(
      /^Name: x\n%files\n\n%changelog\n\* Thu Mar 05 2026 /,
    )
    expect(newestChangelogDate(spec)).toEqual(new Date('2026-03-05T00:00:00Z'))
    expect(newestChangelogDate('Name: x\n')).toBeUndefined()
    expect(rpmChangelogDate(new Date('2025-12-31T12:00:00Z'))).toBe('Wed Dec 31 2025')
  })
})

describe('parseExpandedSpec', () => {
  it('numbers Source and Patch lines as rpm does, resolves #/ names and the %setup directory', () => {
    const info = parseExpandedSpec(
      [
        'Name: n',
        'Version: 2',
        'Source: https://example.org/get.cgi?v=2#/n-2.tar.gz',
        'Patch: a.patch',
        'Patch: b.patch',
        'Patch5: c.patch',
        'Patch: https://example.org/d.patch',
        '%description',
        'Patch: not a tag',
        '%prep',
        "cd '/build/BUILD'",
        "rm -rf 'n-2-src'",
        "cd 'n-2-src'",
      ].join('\n'),
    )
    expect(info.name).toBe('n')
    expect(info.sources).toEqual([
      { number: 0, value: 'https://example.org/get.cgi?v=2#/n-2.tar.gz', file: 'n-2.tar.gz' },
    ])
    expect(info.patches.map((p) => [p.number, p.file])).toEqual([
      [0, 'a.patch'],
      [1, 'b.patch'],
      [5, 'c.patch'],
      [6, 'd.patch'],
    ])
    expect(info.setupDir).toBe('n-2-src')
    expect(info.setupCreatesDir).toBe(false)
    const created = parseExpandedSpec("Name: n\nVersion: 2\n%prep\n/usr/bin/mkdir -p 'n-2'\ncd 'n-2'\n")
    expect(created.setupCreatesDir).toBe(true)
  })
})

describe('rpmVersionFor', () => {
  it('puts the upstream version in Version and the suffix counter in Release', () => {
    const versionFor = (base: string) => `${base}+carrier2`
    expect(rpmVersionFor(tag('v1.1', '1.1'), versionFor)).toEqual({
      version: '1.1',
      release: '1+carrier2',
      full: '1.1-1+carrier2',
    })
    expect(rpmVersionFor(tag('v2.0-rc1', '2.0-rc1'), versionFor).version).toBe('2.0~rc1')
    expect(rpmVersionFor(tag('debian/1%2.3-4', '1:2.3-4'), versionFor).version).toBe('2.3')
    expect(rpmVersionFor(tag('upstream/2.3-rc1', '2.3-rc1'), versionFor).version).toBe('2.3~rc1')
    expect(() => rpmVersionFor(tag('v1', '1'), (base) => `${base}-x`)).toThrow('not a valid RPM Release')
  })
})

describe('specEntries', () => {
  it('numbers the Patch lines of every conditional branch of a spec as written', () => {
    const raw =
      'Name: n\nPatch: a.patch\n%if 0%{?suse_version}\nPatch7: suse.patch\n%endif\nPatch: b.patch\n%prep\n'
    expect(specEntries(raw).patches.map((p) => [p.number, p.file])).toEqual([
      [0, 'a.patch'],
      [7, 'suse.patch'],
      [8, 'b.patch'],
    ])
  })
})
