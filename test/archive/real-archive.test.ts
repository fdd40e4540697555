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
})
