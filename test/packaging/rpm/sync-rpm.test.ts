import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../../../src/process/run.js'
import { runAction } from '../../support/action.js'
import { git } from '../../support/git.js'
import { makePlainUpstream } from '../../support/plain-fixtures.js'
import { tempDir } from '../../support/tmp.js'
import { makeRpmFork, noDebounce, qmailPackaging, qmailSources } from './fixtures.js'

const rpmQuery = async (file: string, ...args: string[]) =>
  (await run('rpm', ['-qp', ...args, file], { env: { LC_ALL: 'C' } })).stdout.trim()

async function qmailUpstream() {
  const upstream = await makePlainUpstream()
  await upstream.release(['v1.0'], qmailSources('1.0'))
  return upstream
}

describe('sync of an RPM fork of a plain upstream', () => {
  it('rebases the spec and a code commit onto v1.1 and builds spec, Source0, patches and .src.rpm', async () => {
    const upstream = await qmailUpstream()
    const fork = await makeRpmFork(upstream, 'v1.0', qmailPackaging('1.0'), [
      ['Drop the IDLE debounce (100% faster)', noDebounce('1.0')],
    ])
    await upstream.release(['v1.1'], qmailSources('1.1'))

    const out = await tempDir('pc-out-')
    const result = await runAction({
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'v*',
      'output-dir': out,
    })
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs).toMatchObject({
      result: 'updated',
      'upstream-tag': 'v1.1',
      'previous-tag': 'v1.0',
      version: '1.1-1+carrier1',
    })
    const patch = '0001-Drop-the-IDLE-debounce-100-faster.patch'
    const files = JSON.parse(result.outputs.files!) as string[]
    expect(files.map((file) => basename(file))).toEqual([
      'qmail.spec',
      'qmail-1.1.tar.gz',
      'qmail.init',
      'qmail-install.patch',
      patch,
      'qmail-1.1-1+carrier1.src.rpm',
    ])
    expect(files.every((file) => file.startsWith(`${out}/`))).toBe(true)
    const srpm = join(out, 'qmail-1.1-1+carrier1.src.rpm')
    expect(await rpmQuery(srpm, '--qf', '%{VERSION}-%{RELEASE}')).toBe('1.1-1+carrier1')
    expect((await rpmQuery(srpm, '-l')).split('\n').sort()).toEqual(
      ['qmail-1.1.tar.gz', 'qmail-install.patch', 'qmail.init', 'qmail.spec', patch].sort(),
    )
    const head = result.outputs.commit!
    expect(await rpmQuery(srpm, '--changelog')).toContain(
      `\n  - Drop the IDLE debounce (100% faster) (${head.slice(0, 12)})\n`,
    )
    // the branch sits on v1.1 with the code commit rebased; the source tarball is upstream's v1.1
    expect(await git(fork.bare, 'rev-parse', 'refs/heads/main')).toBe(head)
    expect(await git(fork.bare, 'show', `${head}:qmail.c`)).toContain('debounce_ms = 0')
    const tarball = (await run('tar', ['-xzOf', join(out, 'qmail-1.1.tar.gz'), 'qmail-1.1/qmail.c'])).stdout
    expect(tarball).toBe(qmailSources('1.1')['qmail.c'])
    expect(await readFile(join(out, patch), 'utf8')).toContain('+int debounce_ms = 0;')
    expect(result.summary).toContain('qmail-1.1-1+carrier1.src.rpm')
  })

  it('reports a spec patch that no longer applies with fuzz 0 as a conflict, pushing nothing', async () => {
    const upstream = await qmailUpstream()
    const fork = await makeRpmFork(upstream, 'v1.0', qmailPackaging('1.0'))
    const refsBefore = await fork.refs()
    const sources = qmailSources('1.1')
    await upstream.release(['v1.1'], {
      ...sources,
      'install.c': sources['install.c']!.replace('stdio', 'unistd'),
    })

    const result = await runAction({
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'v*',
    })
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs.result).toBe('conflict')
    expect(result.outputs['upstream-tag']).toBe('v1.1')
    expect(result.summary).toContain('qmail-install.patch')
    expect(result.summary).toContain('install.c')
    expect(await fork.refs()).toEqual(refsBefore)
  })
})
