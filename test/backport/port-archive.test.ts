import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAction, type ActionRun } from '../support/action.js'
import { makePinnedFork, patches, source22, type PinnedFork } from '../support/backport-fixtures.js'
import {
  makeArchive,
  makeArchiveKey,
  makeSourcePackage,
  type LocalArchive,
} from '../support/debian-archive.js'
import { git } from '../support/git.js'
import { tempDir } from '../support/tmp.js'

const base = { version: '1:2.2.0-1', text: 'Release 1:2.2.0-1.', date: 'Thu, 01 Jan 2026 00:00:00 +0000' }
const upload = (n: number, extra: Record<string, string>, text: string) =>
  makeSourcePackage({
    source: 'dove',
    version: `1:2.2.0-1+deb12u${n}`,
    upstream: source22,
    patches: { '01-debian-paths.patch': patches.paths, ...extra },
    changelog: [{ version: `1:2.2.0-1+deb12u${n}`, text, date: `Thu, 0${n} Feb 2026 00:00:00 +0000` }, base],
  })
const firstPatches = {
  'CVE-2026-0001-auth.patch': patches.auth,
  'CVE-2026-0002-imap.patch': patches.imap,
  'CVE-2026-0003-pop3.patch': patches.pop3,
  'lmtp-overflow.patch': patches.lmtp,
  'CVE-2026-0005-sieve.patch': patches.sieve,
}

let archive: LocalArchive
let pinned: PinnedFork
let inputs: Record<string, string>
beforeAll(async () => {
  const key = await makeArchiveKey()
  archive = await makeArchive({ suites: [{ codename: 'bookworm' }, { codename: 'bookworm-security' }], key })
  await archive.include(
    'bookworm',
    await makeSourcePackage({
      source: 'dove',
      version: '1:2.2.0-1',
      upstream: source22,
      patches: { '01-debian-paths.patch': patches.paths },
      changelog: [base],
    }),
  )
  pinned = await makePinnedFork()
  inputs = {
    mode: 'backport',
    'remote-url': pinned.fork.url,
    'upstream-url': pinned.upstream.url,
    'upstream-archive': archive.url,
    'upstream-suites': 'bookworm, bookworm-security',
    'archive-keyring': key.armoredPublic,
    'backport-from': '1:2.2.0-1',
    'work-dir': await tempDir('pc-work-'),
  }
})
afterAll(async () => archive?.close())

const backport = async (extra: Record<string, string> = {}): Promise<ActionRun> => {
  const run = await runAction({ ...inputs, 'output-dir': await tempDir('pc-out-'), ...extra })
  expect(run.code, run.stdout + run.stderr).toBe(0)
  return run
}
const kept = (version: string): string =>
  `refs/tags/patch-carrier/backport-source/dove/${version.replace(/:/g, '%')}`

describe('a pinned fork watching a Debian archive suite', () => {
  it('ports the patches of the security suite’s upload, keeping each version’s packaging on the fork', async () => {
    await archive.include(
      'bookworm-security',
      await upload(
        1,
        firstPatches,
        'Fix CVE-2026-0001, CVE-2026-0002 and CVE-2026-0003.\n  * lmtp-overflow.patch: fix CVE-2026-0004.',
      ),
    )
    const check = await backport({ mode: 'check' })
    expect(check.outputs.result).toBe('update-available')
    expect(check.summary).toContain(
      '1:2.2.0-1+deb12u1 would bring CVE-2026-0001-auth.patch (added, CVE-2026-0001)',
    )
    expect([...(await pinned.fork.refs()).keys()].some((ref) => ref.includes('patch-carrier/'))).toBe(false)

    archive.requests.length = 0
    const run = await backport()
    expect(run.outputs).toMatchObject({ result: 'updated', version: '1:2.3.0-1+carrier1' })
    // the packaging comes from each .dsc and debian tarball, checked against the signed indices: no orig tarball
    const taken = archive.requests.map((request) => request.path.split('/').pop())
    expect(taken).toContain('dove_2.2.0-1+deb12u1.debian.tar.xz')
    expect(taken.filter((name) => name?.includes('.orig.'))).toEqual([])
    expect(run.summary).toContain('CVE-2026-0002-imap.patch (CVE-2026-0002): refreshed (it needed offsets)')
    expect(run.summary).toContain('lmtp-overflow.patch (CVE-2026-0004): skipped, absorbed')
    expect(run.summary).toContain(
      'CVE-2026-0005-sieve.patch (CVE-2026-0005): skipped, the fork already carries it as sieve-limit.patch',
    )
    const subject = await git(pinned.fork.bare, 'log', '-1', '--format=%s', 'refs/heads/main')
    expect(subject).toBe('Backport CVE-2026-0001, CVE-2026-0002, CVE-2026-0003 from 1:2.2.0-1+deb12u1')
    const refs = await pinned.fork.refs()
    expect(refs.get('refs/tags/patch-carrier/backported/1%2.2.0-1+deb12u1')).toBe(await pinned.fork.head())
    for (const version of ['1:2.2.0-1', '1:2.2.0-1+deb12u1']) {
      const packaging = refs.get(kept(version))!
      expect(await git(pinned.fork.bare, 'ls-tree', '--name-only', packaging)).toBe('debian')
    }
    expect((await backport()).outputs.result).toBe('up-to-date')
  })

  it('compares the next upload with the kept packaging once the archive has dropped the one before', async () => {
    await archive.include(
      'bookworm-security',
      await upload(
        2,
        { ...firstPatches, 'CVE-2026-0007.patch': patches.lmtpAuth },
        'Fix CVE-2026-0007 (CVE-2026-0007.patch).',
      ),
    )
    const headBefore = await pinned.fork.head()
    const run = await backport()
    expect(run.outputs).toMatchObject({ result: 'updated', version: '1:2.3.0-1+carrier2' })
    expect(await git(pinned.fork.bare, 'log', '--format=%s', `${headBefore}..refs/heads/main`)).toBe(
      'Backport CVE-2026-0007 from 1:2.2.0-1+deb12u2',
    )
    expect(run.summary).not.toContain('CVE-2026-0001-auth.patch')
    expect((await pinned.fork.refs()).has(kept('1:2.2.0-1+deb12u2'))).toBe(true)
  })
})
