import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../../src/process/run.js'
import { runAction } from '../support/action.js'
import { makeFork } from '../support/debian-fixtures.js'
import { git } from '../support/git.js'
import { makePlainUpstream } from '../support/plain-fixtures.js'
import { tempDir } from '../support/tmp.js'

/** What the servers sent (`upload-pack>` packets), from git's packet trace of the whole run. */
async function sent(trace: string): Promise<string[]> {
  const text = await readFile(trace, 'utf8').catch(() => '')
  return text
    .split('\n')
    .filter((line) => line.includes('upload-pack> '))
    .map((line) => line.slice(line.indexOf('upload-pack> ') + 13))
}

describe('an up-to-date run lists only the refs it can use', () => {
  it('asks for the tags upstream-tags can match, unpeeled, and peels only the newest few', async () => {
    const upstream = await makePlainUpstream()
    await upstream.release(['v1.0'], { 'a.c': '1\n' })
    await git(upstream.work, 'tag', '-a', '-m', 'v2.0', 'v2.0', await upstream.release([], { 'a.c': '2\n' }))
    // nightly tags, which upstream-tags does not match, on upstream and (as a GitHub fork copies them) the fork
    const nightly = Array.from({ length: 300 }, (_, i) => `create refs/tags/nightly/${i} HEAD\n`).join('')
    await run('git', ['-C', upstream.work, 'update-ref', '--stdin'], { input: nightly })
    await git(upstream.work, 'push', '-q', upstream.bare, 'refs/tags/*:refs/tags/*', 'main:main')
    const fork = await makeFork(upstream.url, 'v2.0')
    await fork.commit('Downstream', { 'b.c': 'ours\n' })
    await git(fork.work, 'push', '-q', fork.bare, 'refs/tags/*:refs/tags/*')

    const trace = join(await tempDir('pc-trace-'), 'packets')
    const result = await runAction(
      {
        'remote-url': fork.url,
        'upstream-url': upstream.url,
        'upstream-tags': 'v*',
        branch: 'main',
        packaging: 'none',
      },
      { GIT_TRACE_PACKET: trace },
    )
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs).toMatchObject({
      result: 'up-to-date',
      'upstream-tag': 'v2.0',
      'previous-tag': 'v2.0',
    })
    const packets = await sent(trace)
    const refLines = packets.filter((line) => /^[0-9a-f]{40} (refs\/|HEAD)/.test(line))
    expect(refLines.length).toBeGreaterThan(0)
    // not one of the 600 nightly tags crossed the wire, nor the fork's copies of the release tags
    expect(refLines.filter((line) => line.includes('nightly/'))).toEqual([])
    // the names once, unpeeled; then the newest releases again, peeled (v1.0 is lightweight: its own commit)
    expect(refLines.filter((line) => line.includes('refs/tags/v'))).toHaveLength(4)
    expect(refLines.filter((line) => line.includes('peeled:'))).toEqual([
      expect.stringMatching(/ refs\/tags\/v2\.0 peeled:[0-9a-f]{40}$/),
    ])
  })
})
