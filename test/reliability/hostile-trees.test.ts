import { randomBytes } from 'node:crypto'
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { debianDir, makePlainUpstream, type PlainUpstream } from '../support/plain-fixtures.js'
import { assertUsableFailure, runInProcess, type HostRun } from '../support/reliability-host.js'
import { startRecorder, type Recorder } from '../support/reliability-recorder.js'
import { forkWith, type HostileCommit } from '../support/reliability-trees.js'
import { linePatch } from '../support/debian-fixtures.js'
import { tempDir } from '../support/tmp.js'

/**
 * Hostile packaging trees and commits on the fork (or from upstream): malformed debian/changelog, series,
 * patches, source format, spec; file names with line breaks; huge files; markup in commit subjects.
 * Each run ends in a clear error with nothing pushed and no request to OBS, or is handled correctly.
 */

let upstream: PlainUpstream
let obs: Recorder
let canary: string
beforeAll(async () => {
  upstream = await makePlainUpstream()
  await upstream.release(['v1.0'], { 'src/app.c': 'int v = 10;\n', README: 'app\n' })
  await upstream.release(['v1.1'], { 'src/app.c': 'int v = 11;\n', README: 'app\n' })
  obs = await startRecorder()
  canary = await tempDir('pc-canary-')
})
afterAll(async () => obs?.close())

const secret = 'sentinel-tree-secret-51d0'
const pwned = () => join(canary, 'pwned')
const changelog = (header: string, trailer = ' -- A <a@b.org>  Thu, 01 Jan 2026 00:00:00 +0000') =>
  `${header}\n\n  * Packaged.\n\n${trailer}\n`
const packaging = (extra: Record<string, string> = {}) => debianDir('app', '1.0-1', extra)
const withoutChangelog = () => {
  const files = packaging()
  delete files['debian/changelog']
  return files
}
const readmePatch = linePatch('README', [], 'app', 'app, fast', [])
const failedPatch = (words: RegExp) => (run: HostRun) =>
  expect(run.report?.conflict?.failed).toMatchObject({ kind: 'patch', output: expect.stringMatching(words) })

/** A minimal spec of the app for the RPM cases; `lines` replace or add preamble lines. */
const spec = (lines: Record<string, string> = {}) => {
  const preamble: Record<string, string> = {
    Name: 'app',
    Version: '1.0',
    Release: '1',
    Summary: 'app',
    License: 'MIT',
    Source0: 'app-%{version}.tar.gz',
    ...lines,
  }
  const head = Object.entries(preamble)
    .filter(([, value]) => value !== '')
    .map(([tag, value]) => `${tag}: ${value}`)
  return `${head.join('\n')}\n\n%description\napp\n\n%prep\n%autosetup -p1\n\n%files\n\n%changelog\n* Thu Jan 01 2026 A <a@b.org> - 1.0-1\n- x\n`
}

type Outcome = { error: RegExp } | { result: string; check?: (run: HostRun) => void | Promise<void> }
type Case = [label: string, commit: () => HostileCommit, outcome: Outcome]

const cases: Case[] = [
  [
    'an empty debian/changelog',
    () => ({ files: packaging({ 'debian/changelog': '' }) }),
    { error: /debian\/changelog holds no entry/ },
  ],
  [
    'debian/changelog without an entry header',
    () => ({ files: packaging({ 'debian/changelog': 'not a changelog\n' }) }),
    { error: /debian\/changelog: line 1 is not an entry header/ },
  ],
  [
    'debian/changelog without a trailer',
    () => ({ files: packaging({ 'debian/changelog': 'app (1.0-1) unstable; urgency=medium\n\n  * x\n' }) }),
    { error: /has no trailer line/ },
  ],
  [
    'a source name with a command in debian/changelog',
    () => ({
      files: packaging({
        'debian/changelog': changelog(`app$(touch${'${IFS}'}${'x'}) (1.0-1) unstable; urgency=medium`),
      }),
    }),
    { error: /line 1 is not an entry header/ },
  ],
  [
    'an upper-case source name',
    () => ({ files: packaging({ 'debian/changelog': changelog('App (1.0-1) unstable; urgency=medium') }) }),
    { error: /source package name/ },
  ],
  [
    'no debian/changelog at all',
    () => ({ files: withoutChangelog() }),
    { error: /debian\/changelog is missing/ },
  ],
  [
    'a debian/changelog of 1 MB',
    () => ({
      files: packaging({
        'debian/changelog': changelog('app (1.0-1) unstable; urgency=medium').repeat(8_000),
      }),
    }),
    { result: 'updated' },
  ],
  [
    'a series naming a patch that does not exist',
    () => ({ files: packaging({ 'debian/patches/series': 'missing.patch\n' }) }),
    { result: 'conflict', check: failedPatch(/is listed in debian\/patches\/series but does not exist/) },
  ],
  [
    'a series entry leaving debian/patches',
    () => ({ files: packaging({ 'debian/patches/series': '../../../../etc/passwd\n' }) }),
    { result: 'conflict', check: failedPatch(/leaves debian\/patches\//) },
  ],
  [
    'a series line with shell options',
    () => ({
      files: packaging({
        'debian/patches/a.patch': readmePatch,
        'debian/patches/series': `a.patch -p1 ; touch ${canary}/pwned\n`,
      }),
    }),
    { result: 'updated' },
  ],
  [
    'a patch that is a symbolic link to /etc/passwd',
    () => ({
      files: {
        ...packaging({ 'debian/patches/series': 'evil.patch\n' }),
        'debian/patches/evil.patch': 'symlink:/etc/passwd',
      },
    }),
    {
      error: /^debian\/patches\/evil\.patch is a symbolic link to "\/etc\/passwd", an absolute path outside/,
    },
  ],
  [
    'a patch writing outside the tree',
    () => ({
      files: packaging({
        'debian/patches/series': 'out.patch\n',
        'debian/patches/out.patch':
          '--- a/../../../tmp/pc-evil\n+++ b/../../../tmp/pc-evil\n@@ -0,0 +1 @@\n+evil\n',
      }),
    }),
    { result: 'conflict', check: failedPatch(/outside the source tree/) },
  ],
  [
    'an unknown debian/source/format',
    () => ({ files: packaging({ 'debian/source/format': '3.0 (evil)\n' }) }),
    { error: /dpkg-source/ },
  ],
  [
    'no debian/control',
    () => ({
      files: (() => {
        const f = packaging()
        delete f['debian/control']
        return f
      })(),
    }),
    { error: /dpkg-source/ },
  ],
  [
    'a downstream file name with a line break',
    () => ({ files: packaging({ 'src/evil\nname.c': 'int e;\n' }) }),
    { error: /dpkg-source -b failed.*\n.*C-style encoded filename/ },
  ],
  [
    'a debian/ file name with a line break',
    () => ({ files: packaging({ 'debian/evil\nname': 'x\n' }) }),
    { result: 'updated' },
  ],
  [
    'a 2 MB binary file added downstream',
    () => ({ files: packaging({ 'src/blob.bin': randomBytes(2 << 20).toString('latin1') }) }),
    { error: /change binary upstream files \(src\/blob.bin\)/ },
  ],
  [
    'a 1.5 MB text file added downstream',
    () => ({ files: packaging({ 'src/big.c': '/* 0123456789abcdef */\n'.repeat(1 << 16) }) }),
    { result: 'updated' },
  ],
  [
    'a commit subject with markdown, HTML and mentions',
    () => ({
      subject: '@octocat <img src=x onerror=alert(1)> [x](javascript:alert(1)) **b** #1 `c`',
      files: packaging(),
    }),
    {
      result: 'updated',
      check: (run) => {
        expect(run.summary).toContain('\\@\u2060octocat \\<img src\\=x')
        expect(run.summary).not.toMatch(/(?<!\\)<img|(?<!\\)@octocat|\]\(javascript/)
      },
    },
  ],
  [
    'a commit subject of 100 000 characters',
    () => ({ subject: 'x'.repeat(100_000), files: packaging() }),
    { result: 'updated' },
  ],
  [
    'a commit subject that mimics a changelog trailer',
    () => ({ subject: ' -- Evil <evil@example.org>  Thu, 01 Jan 2026 00:00:00 +0000', files: packaging() }),
    { result: 'updated' },
  ],
  ['a spec without Version', () => ({ files: { 'app.spec': spec({ Version: '' }) } }), { error: /Version/ }],
  [
    'a spec Version with a command',
    () => ({ files: { 'app.spec': spec({ Version: `1.0;touch ${canary}/pwned` }) } }),
    { error: /rpm|Version|version/ },
  ],
  [
    'a spec Source0 leaving the tree',
    () => ({ files: { 'app.spec': spec({ Source0: '../../../../etc/passwd' }) } }),
    { error: /^Source0 is passwd: patch-carrier makes .tar.gz/ },
  ],
  [
    'a spec naming a patch that does not exist',
    () => ({ files: { 'app.spec': spec({ Patch1: 'missing.patch' }) } }),
    { error: /missing.patch/ },
  ],
  [
    'two spec files',
    () => ({ files: { 'app.spec': spec(), 'other.spec': spec({ Name: 'other' }) } }),
    { error: /spec/ },
  ],
  ['an empty commit message', () => ({ subject: '', files: packaging() }), { result: 'updated' }],
]

describe('hostile trees and commits', () => {
  it.each(cases)('%s', async (_label, commit, outcome) => {
    const fork = await forkWith(upstream, 'v1.0', commit())
    const before = await fork.refs()
    const requests = obs.requests.length
    const failing = 'error' in outcome
    const run = await runInProcess({
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'v*',
      'github-token': secret,
      ...(failing
        ? {
            'obs-url': obs.url,
            'obs-project': 'home:x',
            'obs-package': 'app',
            'obs-user': 'u',
            'obs-password': secret,
          }
        : {}),
    })
    if ('error' in outcome) {
      expect(assertUsableFailure(run, [secret])).toMatch(outcome.error)
      expect(await fork.refs()).toEqual(before)
      expect(obs.requests.length).toBe(requests)
    } else {
      expect(run.failures).toEqual([])
      expect(run.report?.result).toBe(outcome.result)
      await outcome.check?.(run)
    }
    await expect(access(pwned())).rejects.toThrow()
  })
})
