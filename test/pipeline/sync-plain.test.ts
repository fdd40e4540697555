import { describe, expect, it } from 'vitest'
import { access, readFile, readdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { runAction } from '../support/action.js'
import { makeFork } from '../support/debian-fixtures.js'
import { debianDir, makePlainUpstream } from '../support/plain-fixtures.js'
import { git } from '../support/git.js'
import { tempDir } from '../support/tmp.js'
import { run } from '../../src/process/run.js'

describe('sync of a fork of a plain upstream (v* tags)', () => {
  it('orders tags numerically, packages the new release with its component tarball', async () => {
    const upstream = await makePlainUpstream()
    await upstream.release(['v1.9'], { 'src/app.c': 'int v = 19;\n', 'pigeonhole/sieve.c': 'int s = 1;\n' })
    await upstream.release(['v1.10'], { 'src/app.c': 'int v = 110;\n', 'pigeonhole/sieve.c': 'int s = 2;\n' })
    const fork = await makeFork(upstream.url, 'v1.10')
    await fork.commit('Package for Debian', debianDir('app', '1.10-1'))
    await upstream.release(['v1.11', 'v1.11-rc1'], {
      'src/app.c': 'int v = 111;\n',
      'pigeonhole/sieve.c': 'int s = 3;\n',
    })

    const out = await tempDir('pc-out-')
    const result = await runAction({
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'v*',
      'orig-components': 'pigeonhole',
      'output-dir': out,
      'version-suffix': '+chatmail{n}',
    })
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs.result).toBe('updated')
    expect(result.outputs['previous-tag']).toBe('v1.10')
    expect(result.outputs['upstream-tag']).toBe('v1.11')
    expect(result.outputs.version).toBe('1.11-1+chatmail1')
    const files = (JSON.parse(result.outputs.files!) as string[]).map((f) => basename(f)).sort()
    expect(files).toEqual(
      [
        'app_1.11-1+chatmail1.debian.tar.xz',
        'app_1.11-1+chatmail1.dsc',
        'app_1.11.orig-pigeonhole.tar.gz',
        'app_1.11.orig.tar.gz',
      ].sort(),
    )
    const listing = (await run('tar', ['-tzf', join(out, 'app_1.11.orig.tar.gz')])).stdout
    expect(listing).toContain('app-1.11/src/app.c')
    expect(listing).not.toContain('pigeonhole')
    expect(listing).not.toContain('debian/')
    const component = (await run('tar', ['-tzf', join(out, 'app_1.11.orig-pigeonhole.tar.gz')])).stdout
    expect(component).toContain('pigeonhole/sieve.c')
    const x = join(await tempDir('pc-x-'), 'src')
    await run('dpkg-source', ['-x', join(out, 'app_1.11-1+chatmail1.dsc'), x], { env: { LC_ALL: 'C' } })
    expect(await readFile(join(x, 'pigeonhole/sieve.c'), 'utf8')).toBe('int s = 3;\n')
  })

  it('treats hostile tag names as data: no shell ever runs them', async () => {
    const upstream = await makePlainUpstream()
    await upstream.release(['v1.0'], { 'a.c': '1\n' })
    const fork = await makeFork(upstream.url, 'v1.0')
    await fork.commit('Package', debianDir('app', '1.0-1'))
    const cwd = await tempDir('pc-cwd-')
    const hostile = [
      'v2.0;touch${IFS}pwned',
      'v2.1$(touch${IFS}pwned)',
      'v2.2`touch${IFS}pwned`',
      '-v2.3',
      'v2.4\u00e9\u202e',
      `v2.5${'x'.repeat(200)}`,
    ]
    await upstream.release(hostile, { 'a.c': '2\n' })
    const result = await runAction(
      {
        'remote-url': fork.url,
        'upstream-url': upstream.url,
        'output-dir': join(cwd, 'out'),
        packaging: 'none',
      },
      { PWD: cwd },
    )
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs.result).toBe('updated')
    expect(hostile).toContain(result.outputs['upstream-tag'])
    // the branch moved onto the hostile tag's commit, and nothing was executed
    const tagCommit = await git(
      upstream.bare,
      'rev-parse',
      `refs/tags/${result.outputs['upstream-tag']}^{commit}`,
    )
    expect(await git(fork.bare, 'rev-parse', 'refs/heads/main~1')).toBe(tagCommit)
    for (const dir of [cwd, process.cwd(), fork.work, upstream.work]) {
      await expect(access(join(dir, 'pwned'))).rejects.toThrow()
    }
    expect((await readdir(cwd)).filter((name) => name.includes('pwned'))).toEqual([])
  })

  it('refuses a hostile upstream-tag input with an error naming the input, and changes nothing', async () => {
    const upstream = await makePlainUpstream()
    await upstream.release(['v1.0'], { 'a.c': '1\n' })
    const fork = await makeFork(upstream.url, 'v1.0')
    const refs = await fork.refs()
    for (const tag of ['--upload-pack=touch pwned', 'v1..0', 'v1:0']) {
      const result = await runAction({
        'remote-url': fork.url,
        'upstream-url': upstream.url,
        'upstream-tag': tag,
      })
      expect(result.code).toBe(1)
      expect(result.stdout).toContain("Input 'upstream-tag'")
    }
    expect(await fork.refs()).toEqual(refs)
  })

  it('takes an explicit upstream-tag over discovery', async () => {
    const upstream = await makePlainUpstream()
    await upstream.release(['2.4.0'], { 'a.c': '0\n' })
    const fork = await makeFork(upstream.url, '2.4.0')
    await fork.commit('Downstream change', { 'b.c': 'mine\n' })
    await upstream.release(['2.4.1'], { 'a.c': '1\n' })
    await upstream.release(['2.5.0'], { 'a.c': '2\n' })
    const check = await runAction({ mode: 'check', 'remote-url': fork.url, 'upstream-url': upstream.url })
    expect(check.outputs).toMatchObject({
      result: 'update-available',
      'upstream-tag': '2.5.0',
      'previous-tag': '2.4.0',
    })
    const result = await runAction({
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tag': '2.4.1',
      packaging: 'none',
    })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs).toMatchObject({
      result: 'updated',
      'upstream-tag': '2.4.1',
      'previous-tag': '2.4.0',
    })
    expect(await git(fork.bare, 'show', 'refs/heads/main:a.c')).toBe('1')
    expect(await git(fork.bare, 'show', 'refs/heads/main:b.c')).toBe('mine')
    const missing = await runAction({
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tag': '9.9.9',
    })
    expect(missing.code).toBe(1)
    expect(missing.stdout).toContain("upstream-tag '9.9.9' does not exist upstream")
  })
})
