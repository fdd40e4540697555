import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { runAction } from '../support/action.js'
import { makeForkFromTree } from '../support/archive-fork.js'
import { tempDir } from '../support/tmp.js'

/**
 * Opt-in (PATCH_CARRIER_REAL_ARCHIVE=1): Debian's real security archive, through the mirror apt is
 * configured with, verified with the real debian-archive-keyring. Versions come and go there, so the test
 * checks the trust chain and the shape of the answer, not a fixed version.
 */
const enabled = process.env.PATCH_CARRIER_REAL_ARCHIVE === '1'

async function mirror(): Promise<string> {
  const sources = await readFile('/etc/apt/sources.list.d/debian.sources', 'utf8').catch(() => '')
  const uri = /^URIs:\s*(\S+)/m.exec(sources)?.[1] ?? 'http://deb.debian.org/debian'
  return uri.replace(/\/debian\/?$/, '/debian-security')
}

describe.runIf(enabled)("Debian's real bookworm-security (opt-in)", () => {
  it('check: a fork of dovecot 2.3.19.1+dfsg1-2.1 sees the newest security upload, verified', async () => {
    const fork = await makeForkFromTree({
      'debian/control': 'Source: dovecot\n\nPackage: dovecot-core\nArchitecture: any\n',
      'debian/changelog':
        'dovecot (1:2.3.19.1+dfsg1-2.1) unstable; urgency=medium\n\n  * Fork.\n\n' +
        ' -- Fork <fork@example.org>  Thu, 01 Jan 2026 00:00:00 +0000\n',
    })
    const result = await runAction({
      mode: 'check',
      'remote-url': fork.url,
      'upstream-archive': await mirror(),
      'upstream-suites': 'bookworm-security',
      'downstream-base': 'base',
      'work-dir': await tempDir('pc-work-'),
    })
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs.result).toBe('update-available')
    expect(result.outputs['upstream-tag']).toMatch(/^import\/dovecot\/1%2\.3\.19\.1\+dfsg1-2\.1\+deb12u\d+$/)
  }, 120_000)

  it("sync: imports Debian 12's dovecot from bookworm and builds on its own tarballs, upstream signature checked", async () => {
    const fork = await makeForkFromTree({
      'debian/control': 'Source: dovecot\n\nPackage: dovecot-core\nArchitecture: any\n',
      'debian/source/format': '3.0 (quilt)\n',
      'debian/changelog':
        'dovecot (1:2.3.19.1+dfsg1-2) unstable; urgency=medium\n\n  * Fork.\n\n' +
        ' -- Fork <fork@example.org>  Thu, 01 Jan 2026 00:00:00 +0000\n',
    })
    const result = await runAction({
      'remote-url': fork.url,
      'upstream-archive': (await mirror()).replace(/-security$/, ''),
      'upstream-suites': 'bookworm',
      'downstream-base': 'base',
      'work-dir': await tempDir('pc-work-'),
      'output-dir': await tempDir('pc-out-'),
    })
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs.result).toBe('updated')
    const files = (JSON.parse(result.outputs.files!) as string[]).map((file) => file.replace(/^.*\//, ''))
    expect(files).toContain('dovecot_2.3.19.1+dfsg1.orig.tar.gz.asc')
    expect(result.summary).toContain('good upstream signature by Dovecot')
    // the orig tarballs are the archive's: the same sha256 in both tables of the summary
    const origSha = /`dovecot_2\.3\.19\.1\+dfsg1\.orig\.tar\.gz` \| `([0-9a-f]{64})`/.exec(
      result.summary,
    )?.[1]
    expect(origSha).toBeDefined()
    expect(result.summary).toMatch(
      new RegExp(`dovecot_2\\.3\\.19\\.1\\+dfsg1\\.orig\\.tar\\.gz\` \\| \\d+ \\| \`${origSha}`),
    )
  }, 300_000)
})
