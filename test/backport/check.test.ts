import { describe, expect, it } from 'vitest'
import { runAction } from '../support/action.js'
import { firstUpload, firstUploadSeries, makePinnedFork, patches } from '../support/backport-fixtures.js'
import { runCli } from '../support/cli.js'
import { tempDir } from '../support/tmp.js'

describe('mode check on a pinned fork', () => {
  it('reports what a backport run would take, changing nothing', async () => {
    const pinned = await makePinnedFork()
    const inputs = {
      'remote-url': pinned.fork.url,
      'upstream-url': pinned.upstream.url,
      'upstream-tags': 'debian/1%2.2.0-1+deb12u*',
      'backport-from': '1:2.2.0-1',
    }
    const quiet = await runAction({ ...inputs, mode: 'check', 'work-dir': await tempDir('pc-work-') })
    expect(quiet.code, quiet.stdout + quiet.stderr).toBe(0)
    expect(quiet.outputs).toMatchObject({ result: 'up-to-date', 'previous-tag': 'debian/1%2.2.0-1' })

    await pinned.securityRelease(firstUpload)
    await pinned.securityRelease({
      version: '1:2.2.0-1+deb12u2',
      series: `${firstUploadSeries}CVE-2026-0007.patch\n`,
      patches: { 'CVE-2026-0007.patch': patches.lmtpAuth },
      changes: ['Fix CVE-2026-0007 (CVE-2026-0007.patch).'],
    })
    const refs = await pinned.fork.refs()
    const check = await runAction({ ...inputs, mode: 'check', 'work-dir': await tempDir('pc-work-') })
    expect(check.code, check.stdout + check.stderr).toBe(0)
    expect(check.outputs).toMatchObject({
      result: 'update-available',
      'upstream-tag': 'debian/1%2.2.0-1+deb12u2',
      'previous-tag': 'debian/1%2.2.0-1',
    })
    expect(check.summary).toContain(
      '1:2.2.0-1+deb12u1 would bring CVE-2026-0001-auth.patch (added, CVE-2026-0001)',
    )
    expect(check.summary).toContain('lmtp-overflow.patch (added, CVE-2026-0004)')
    expect(check.summary).toContain(
      '1:2.2.0-1+deb12u2 would bring CVE-2026-0007.patch (added, CVE-2026-0007)',
    )
    expect(await pinned.fork.refs()).toEqual(refs)

    // the CLI offers the same, from a maintainer's machine
    const cli = await runCli([
      'check',
      ...Object.entries(inputs).flatMap(([name, value]) => [`--${name}`, value]),
    ])
    expect(cli.code, cli.stderr).toBe(0)
    expect(cli.stdout).toContain('result=update-available')
  })
})
