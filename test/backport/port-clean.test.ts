import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAction, type ActionRun } from '../support/action.js'
import {
  firstUpload,
  firstUploadSeries,
  makePinnedFork,
  patches,
  type PinnedFork,
} from '../support/backport-fixtures.js'
import { git } from '../support/git.js'
import { pushAsPerson } from '../support/github-fork.js'
import { oscRevisions, oscRevisionsOrNone } from '../support/obs-fixtures.js'
import { startObsServer, type ObsTestServer } from '../support/obs-server.js'
import { tempDir } from '../support/tmp.js'

let obs: ObsTestServer
let pinned: PinnedFork
let workDir: string
beforeAll(async () => {
  obs = await startObsServer()
  await obs.createProject('home:chatmail')
  pinned = await makePinnedFork()
  workDir = await tempDir('pc-work-')
})
afterAll(async () => obs?.stop())

const backport = async (inputs: Record<string, string> = {}): Promise<ActionRun> => {
  const run = await runAction({
    mode: 'backport',
    'remote-url': pinned.fork.url,
    'upstream-url': pinned.upstream.url,
    'upstream-tags': 'debian/1%2.2.0-1+deb12u*',
    'backport-from': '1:2.2.0-1',
    'version-suffix': '+chatmail{n}',
    'obs-url': obs.apiUrl,
    'obs-project': 'home:chatmail',
    'obs-package': 'dove',
    'obs-user': 'chatmail',
    'obs-password': 'obs-secret-7c1d',
    'obs-create': 'true',
    'output-dir': await tempDir('pc-out-'),
    'work-dir': workDir,
    ...inputs,
  })
  expect(run.code, run.stdout + run.stderr).toBe(0)
  return run
}

const onMain = (path: string): Promise<string> => git(pinned.fork.bare, 'show', `refs/heads/main:${path}`)
const series = async (): Promise<string[]> => (await onMain('debian/patches/series')).split('\n')
/** The changelog the built package carries (from its debian tarball). */
const builtChangelog = (run: ActionRun): string => {
  const files = JSON.parse(run.outputs.files!) as string[]
  const tarball = files.find((path) => path.endsWith('.debian.tar.xz'))!
  return execFileSync('tar', ['-xOf', tarball, 'debian/changelog'], { encoding: 'utf8' })
}

describe('a pinned fork takes the patches of each security upload', () => {
  it('reads refs only while the watched tags have nothing newer', async () => {
    const before = await pinned.fork.refs()
    const quiet = await backport()
    expect(quiet.outputs.result).toBe('up-to-date')
    expect(quiet.summary).toContain('No newer version of the watched tags')
    expect(await pinned.fork.refs()).toEqual(before)
    expect(await oscRevisionsOrNone(obs, 'home:chatmail', 'dove')).toBe(0)
  })

  it('gives each patch a verdict and ports the version in one commit, built and published', async () => {
    await pinned.securityRelease(firstUpload)
    const headBefore = await pinned.fork.head()
    const dry = await backport({ 'dry-run': 'true' })
    expect(dry.outputs.result).toBe('planned')
    expect(dry.summary).toMatch(
      /push [0-9a-f]{12} to refs\/heads\/main \(now [0-9a-f]{12}; --force-with-lease\)/,
    )
    expect(dry.summary).toContain('refs/tags/patch-carrier/backported/1%2.2.0-1+deb12u1')
    expect(await pinned.fork.head()).toBe(headBefore)

    const run = await backport()
    expect(run.outputs).toMatchObject({
      result: 'published',
      version: '1:2.3.0-1+chatmail1',
      'upstream-tag': 'debian/1%2.2.0-1+deb12u1',
      'previous-tag': 'debian/1%2.2.0-1',
      'obs-revision': '1',
    })
    // verdicts, in the source's series order (its comments, blank lines and -p options read)
    expect(run.summary).toContain(
      'CVE-2026-0001-auth.patch (CVE-2026-0001): added as it is, after 01-debian-paths.patch',
    )
    expect(run.summary).toContain('CVE-2026-0002-imap.patch (CVE-2026-0002): refreshed (it needed offsets)')
    expect(run.summary).toContain('CVE-2026-0003-pop3.patch (CVE-2026-0003): refreshed (it needed fuzz)')
    expect(run.summary).toContain('auth-log.patch: refreshed (rewritten for -p1)')
    expect(run.summary).toContain(
      "lmtp-overflow.patch (CVE-2026-0004): skipped, absorbed: it applies in reverse, the fork's upstream has the fix",
    )
    expect(run.summary).toContain(
      'CVE-2026-0005-sieve.patch (CVE-2026-0005): skipped, the fork already carries it as sieve-limit.patch',
    )

    // one commit on top of the old head; the new patches where they stood upstream, the fork's own after them
    const head = await pinned.fork.head()
    expect(run.outputs.commit).toBe(head)
    expect(await git(pinned.fork.bare, 'rev-parse', `${head}^`)).toBe(headBefore)
    expect(await series()).toEqual([
      '01-debian-paths.patch',
      'CVE-2026-0001-auth.patch',
      'CVE-2026-0002-imap.patch',
      'CVE-2026-0003-pop3.patch',
      'auth-log.patch',
      'fast.patch',
      'sieve-limit.patch',
    ])
    expect(await onMain('debian/patches/CVE-2026-0001-auth.patch')).toBe(patches.auth.trimEnd())
    const pop3 = await onMain('debian/patches/CVE-2026-0003-pop3.patch')
    expect(pop3).toContain('Description: POP3 read overrun\n Fixes CVE-2026-0003.\nAuthor: Security Team')
    expect(pop3).toContain(
      'Backported-by: patch-carrier, hunks refreshed from 1:2.2.0-1+deb12u1 for 1:2.3.0-1',
    )
    expect(pop3).toContain('@@ -1,7 +1,7 @@\n /* pop3 server */')
    expect(await onMain('debian/patches/CVE-2026-0002-imap.patch')).toContain('@@ -3,6 +3,6 @@')
    expect(await onMain('debian/patches/auth-log.patch')).toContain('--- a/src/auth.c\n+++ b/src/auth.c')
    // what a maintainer checks: quilt applies the whole series with no fuzz and no offsets
    const tree = await tempDir('pc-tree-')
    execFileSync('sh', [
      '-c',
      `git --git-dir "$0" archive refs/heads/main | tar -x -C "$1"`,
      pinned.fork.bare,
      tree,
    ])
    const quilt = execFileSync('quilt', ['push', '-a', '--fuzz=0'], {
      cwd: tree,
      encoding: 'utf8',
      env: { ...process.env, QUILT_PATCHES: 'debian/patches', QUILTRC: '/dev/null' },
    })
    expect(quilt).toContain('Now at patch sieve-limit.patch')
    expect(quilt).not.toMatch(/offset|fuzz/)
    const message = await git(pinned.fork.bare, 'log', '-1', '--format=%B', head)
    expect(message.split('\n')[0]).toBe(
      'Backport CVE-2026-0001, CVE-2026-0002, CVE-2026-0003, CVE-2026-0010 from 1:2.2.0-1+deb12u1',
    )
    expect(message).toContain('upstream tag debian/1%2.2.0-1+deb12u1')
    expect(message).toContain('- lmtp-overflow.patch (CVE-2026-0004): skipped, absorbed')
    expect(message).toContain('Backported-from: 1:2.2.0-1+deb12u1')

    // the fork records what it ported; build and archive tags as a sync makes them
    const refs = await pinned.fork.refs()
    expect(refs.get('refs/tags/patch-carrier/backported/1%2.2.0-1+deb12u1')).toBe(head)
    expect(refs.get('refs/tags/patch-carrier/build/1%2.3.0-1+chatmail1')).toBe(head)
    expect(refs.get(`refs/tags/patch-carrier/archive/debian/1%2.3.0-1/${headBefore.slice(0, 12)}`)).toBe(
      headBefore,
    )

    // the changelog entry names the CVEs and the source version; OBS has the package
    expect(builtChangelog(run)).toMatch(
      /^dove \(1:2\.3\.0-1\+chatmail1\) UNRELEASED; urgency=medium\n\n {2}\* Backport CVE-2026-0001, CVE-2026-0002, CVE-2026-0003, CVE-2026-0010 from 1:2\.2\.0-1\+deb12u1\.\n/,
    )
    expect((await obs.osc(['ls', 'home:chatmail', 'dove'])).split('\n').filter(Boolean).sort()).toEqual([
      'dove_2.3.0-1+chatmail1.debian.tar.xz',
      'dove_2.3.0-1+chatmail1.dsc',
      'dove_2.3.0.orig.tar.gz',
    ])
    expect(await obs.osc(['log', 'home:chatmail', 'dove'])).toContain(
      '1:2.3.0-1+chatmail1: built on upstream tag debian/1%2.3.0-1 with patches backported up to debian/1%2.2.0-1+deb12u1',
    )
  })

  it('makes one push and one OBS revision in five runs', async () => {
    const refs = await pinned.fork.refs()
    for (let run = 0; run < 4; run++) expect((await backport()).outputs.result).toBe('up-to-date')
    expect(await pinned.fork.refs()).toEqual(refs)
    expect(await oscRevisions(obs, 'home:chatmail', 'dove')).toBe(1)
  })

  it('takes two versions that arrived between runs, one commit each, in one build', async () => {
    const withLmtp = `${firstUploadSeries}CVE-2026-0007.patch\n`
    await pinned.securityRelease({
      version: '1:2.2.0-1+deb12u2',
      series: withLmtp,
      patches: { 'CVE-2026-0007.patch': patches.lmtpAuth },
      changes: ['Fix CVE-2026-0007 (CVE-2026-0007.patch).'],
    })
    await pinned.securityRelease({
      version: '1:2.2.0-1+deb12u3',
      series: withLmtp,
      patches: { 'CVE-2026-0001-auth.patch': patches.auth2 },
      changes: ['Complete the fix for CVE-2026-0001.'],
    })
    const headBefore = await pinned.fork.head()
    const run = await backport()
    expect(run.outputs).toMatchObject({
      result: 'published',
      version: '1:2.3.0-1+chatmail2',
      'obs-revision': '2',
    })
    expect(run.summary).toContain('CVE-2026-0007.patch (CVE-2026-0007): added as it is, after auth-log.patch')
    expect(run.summary).toContain(
      'CVE-2026-0001-auth.patch (CVE-2026-0001): added as it is, replacing the earlier version',
    )
    const subjects = await git(pinned.fork.bare, 'log', '--format=%s', `${headBefore}..refs/heads/main`)
    expect(subjects.split('\n')).toEqual([
      'Backport CVE-2026-0001 from 1:2.2.0-1+deb12u3',
      'Backport CVE-2026-0007 from 1:2.2.0-1+deb12u2',
    ])
    expect(await onMain('debian/patches/CVE-2026-0001-auth.patch')).toBe(patches.auth2.trimEnd())
    expect(await series()).toEqual([
      '01-debian-paths.patch',
      'CVE-2026-0001-auth.patch',
      'CVE-2026-0002-imap.patch',
      'CVE-2026-0003-pop3.patch',
      'auth-log.patch',
      'CVE-2026-0007.patch',
      'fast.patch',
      'sieve-limit.patch',
    ])
    const refs = await pinned.fork.refs()
    expect(refs.get('refs/tags/patch-carrier/backported/1%2.2.0-1+deb12u2')).toBe(
      `${await git(pinned.fork.bare, 'rev-parse', 'refs/heads/main^')}`,
    )
    expect(refs.get('refs/tags/patch-carrier/backported/1%2.2.0-1+deb12u3')).toBe(await pinned.fork.head())
    const changelog = builtChangelog(run)
    expect(changelog.split('\n\n')[1]).toBe(
      [
        '  * Backport CVE-2026-0001, CVE-2026-0002, CVE-2026-0003, CVE-2026-0010 from 1:2.2.0-1+deb12u1.',
        '  * Backport CVE-2026-0007 from 1:2.2.0-1+deb12u2.',
        '  * Backport CVE-2026-0001 from 1:2.2.0-1+deb12u3.',
      ].join('\n'),
    )
  })

  it('never brings back a patch a person removed after it was ported', async () => {
    await pushAsPerson(pinned.fork, 'main', 'Drop CVE-2026-0007.patch: our LMTP is off', {
      'debian/patches/series': (text) => text.replace('CVE-2026-0007.patch\n', ''),
    })
    expect((await backport()).outputs.result).toBe('up-to-date')
    expect(await series()).not.toContain('CVE-2026-0007.patch')
    // a later upload that leaves that patch alone does not bring it back either
    await pinned.securityRelease({
      version: '1:2.2.0-1+deb12u4',
      series: `${firstUploadSeries}CVE-2026-0007.patch\nCVE-2026-0006-mail.patch\n`,
      patches: { 'CVE-2026-0006-mail.patch': patches.mail },
      changes: ['Fix CVE-2026-0006.'],
    })
    const run = await runAction({
      mode: 'backport',
      'remote-url': pinned.fork.url,
      'upstream-url': pinned.upstream.url,
      'upstream-tags': 'debian/1%2.2.0-1+deb12u*',
      'backport-from': '1:2.2.0-1',
      'work-dir': workDir,
      conflict: 'fail',
    })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('conflict')
    expect(run.summary).toContain('CVE-2026-0006-mail.patch (CVE-2026-0006): does not apply')
    expect(run.summary).toContain('Patch `CVE-2026-0006-mail.patch` does not apply')
    expect(await series()).not.toContain('CVE-2026-0007.patch')
  })

  it('builds the branch as it is in mode build, on the fork’s own upstream tag', async () => {
    const head = await pinned.fork.head()
    const built = await backport({ mode: 'build' })
    expect(built.outputs).toMatchObject({ result: 'published', version: '1:2.3.0-1+chatmail3', commit: head })
    expect((await pinned.fork.refs()).get('refs/tags/patch-carrier/build/1%2.3.0-1+chatmail3')).toBe(head)
    expect(await pinned.fork.head()).toBe(head)
    const again = await backport({ mode: 'build' })
    expect(again.outputs).toMatchObject({
      version: '1:2.3.0-1+chatmail3',
      'obs-revision': built.outputs['obs-revision'],
    })
  })
})
