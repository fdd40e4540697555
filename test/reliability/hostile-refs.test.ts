import { access, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAction } from '../support/action.js'
import { makeFork } from '../support/debian-fixtures.js'
import { git } from '../support/git.js'
import { debianDir, makePlainUpstream } from '../support/plain-fixtures.js'
import { tempDir } from '../support/tmp.js'

/**
 * Ref names that upstream or the fork chose, run through the bundled action: they are data in argument
 * arrays, never shell words; they reach outputs and the summary verbatim (the summary as inert text).
 */

async function noPwned(...dirs: string[]): Promise<void> {
  for (const dir of dirs) {
    await expect(access(join(dir, 'pwned'))).rejects.toThrow()
    expect((await readdir(dir)).filter((name) => name.includes('pwned'))).toEqual([])
  }
}

describe('hostile ref names', () => {
  it.each([
    ['quotes, markup and pipes', `v2.0"'<b>x</b>|&>pwned`],
    ['shell words', 'v2.0$(touch${IFS}pwned)'],
    ['a right-to-left override', 'v2.0\u202egnp.exe'],
  ])(
    'an upstream tag with %s carries no version: discovery passes it by, naming it fails clearly',
    async (_label, tag) => {
      const upstream = await makePlainUpstream()
      await upstream.release(['v1.0'], { 'a.c': '1\n' })
      const fork = await makeFork(upstream.url, 'v1.0')
      await fork.commit('Package', debianDir('app', '1.0-1'))
      await upstream.release([tag], { 'a.c': '2\n' })
      const refs = await fork.refs()
      const cwd = await tempDir('pc-cwd-')
      const inputs = {
        'remote-url': fork.url,
        'upstream-url': upstream.url,
        packaging: 'none',
        'output-dir': join(cwd, 'out'),
      }
      const passed = await runAction(inputs, { PWD: cwd })
      expect(passed.code, passed.stdout).toBe(0)
      expect(passed.outputs).toMatchObject({ result: 'up-to-date', 'upstream-tag': 'v1.0' })
      const named = await runAction({ ...inputs, 'upstream-tag': tag }, { PWD: cwd })
      expect(named.code).toBe(1)
      expect(named.stdout).toContain(`::error::upstream-tag '${tag}' carries no version`)
      expect(await fork.refs()).toEqual(refs)
      await noPwned(cwd, process.cwd(), fork.work, upstream.work)
    },
  )

  it('an upstream tag of 240 characters becomes the target, verbatim in outputs and summary', async () => {
    const tag = `v2.0-${'a'.repeat(235)}`
    const upstream = await makePlainUpstream()
    await upstream.release(['v1.0'], { 'a.c': '1\n' })
    const fork = await makeFork(upstream.url, 'v1.0')
    await fork.commit('Package', debianDir('app', '1.0-1'))
    await upstream.release([tag], { 'a.c': '2\n' })
    const result = await runAction({
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      packaging: 'none',
      'output-dir': await tempDir('pc-out-'),
    })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs['upstream-tag']).toBe(tag)
    expect(result.summary).toContain(tag)
    expect(await git(fork.bare, 'rev-parse', 'refs/heads/main~1')).toBe(
      await git(upstream.bare, 'rev-parse', `refs/tags/${tag}^{commit}`),
    )
  })

  it('a fork whose HEAD branch is named like an option and a command is carried as data', async () => {
    const upstream = await makePlainUpstream()
    await upstream.release(['v1.0'], { 'a.c': '1\n' })
    const fork = await makeFork(upstream.url, 'v1.0')
    await fork.commit('Package', debianDir('app', '1.0-1'))
    const branch = '-x;touch${IFS}pwned'
    await git(fork.bare, 'update-ref', `refs/heads/${branch}`, 'refs/heads/main')
    await git(fork.bare, 'symbolic-ref', 'HEAD', `refs/heads/${branch}`)
    await git(fork.bare, 'update-ref', '-d', 'refs/heads/main')
    await upstream.release(['v1.1'], { 'a.c': '2\n' })
    const cwd = await tempDir('pc-cwd-')
    const result = await runAction(
      {
        'remote-url': fork.url,
        'upstream-url': upstream.url,
        packaging: 'none',
        'output-dir': join(cwd, 'out'),
      },
      { PWD: cwd },
    )
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.result).toBe('updated')
    expect(await git(fork.bare, 'log', '--format=%s', '-1', `refs/heads/${branch}`)).toBe('Package')
    expect(await git(fork.bare, 'rev-parse', `refs/heads/${branch}~1`)).toBe(
      await git(upstream.bare, 'rev-parse', 'refs/tags/v1.1^{commit}'),
    )
    await noPwned(cwd, process.cwd(), fork.work, upstream.work)
  })
})
