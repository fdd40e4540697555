import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { readdir, readFile, statfs } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { runAction } from '../support/action.js'
import {
  addDownstreamPatch,
  makeDebianUpstream,
  makeFork,
  fastPatch,
  helloMainC as mainC,
} from '../support/debian-fixtures.js'
import { git } from '../support/git.js'
import { tempDir } from '../support/tmp.js'
import { run } from '../../src/process/run.js'

/** /dev/shm is a tmpfs here (GitHub's runners, the CI machine): the memory scratch can be used. */
const shmIsTmpfs = (await statfs('/dev/shm').catch(() => undefined))?.type === 0x01021994

async function helloUpstream() {
  const upstream = await makeDebianUpstream({ source: 'hello' })
  await upstream.release({
    version: '1.0-1',
    source: { 'main.c': mainC('hello'), README: 'hello 1.0\n' },
    pristineTar: true,
  })
  return upstream
}

describe('sync of a Debian fork (DEP-14 upstream)', () => {
  it('rebases a downstream quilt patch onto the new upstream tag and builds the source package', async () => {
    const upstream = await helloUpstream()
    const fork = await makeFork(upstream.url, 'debian/1.0-1')
    await addDownstreamPatch(fork, 'fast.patch', fastPatch)
    const before = await fork.head()
    await upstream.release({
      version: '1.1-1',
      source: { 'main.c': mainC('hello'), README: 'hello 1.1\n' },
      pristineTar: true,
    })

    const out = await tempDir('pc-out-')
    const workDir = await tempDir('pc-work-')
    const result = await runAction({
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'debian/*',
      'output-dir': out,
      'work-dir': workDir,
    })
    expect(result.stderr).toBe('')
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.result).toBe('updated')
    expect(result.outputs['upstream-tag']).toBe('debian/1.1-1')
    expect(result.outputs['previous-tag']).toBe('debian/1.0-1')
    expect(result.outputs.version).toBe('1.1-1+carrier1')
    const files = JSON.parse(result.outputs.files!) as string[]
    expect(files.map((f) => basename(f)).sort()).toEqual(
      ['hello_1.1-1+carrier1.debian.tar.xz', 'hello_1.1-1+carrier1.dsc', 'hello_1.1.orig.tar.gz'].sort(),
    )
    // the branch moved to the rebased head; the old head is archived
    const refs = await fork.refs()
    expect(refs.get('refs/heads/main')).toBe(result.outputs.commit)
    expect(
      [...refs].find(([name]) => name.startsWith('refs/tags/patch-carrier/archive/debian/1.0-1/'))?.[1],
    ).toBe(before)
    // the new head sits on the new upstream tag and carries the patch
    const head = result.outputs.commit!
    expect(await git(fork.bare, 'merge-base', '--is-ancestor', 'refs/heads/main', 'refs/heads/main')).toBe('')
    expect(await git(upstream.bare, 'rev-parse', 'refs/tags/debian/1.1-1')).toBe(
      await git(fork.bare, 'rev-parse', `${head}~1`),
    )
    expect(await git(fork.bare, 'show', `${head}:debian/patches/series`)).toBe('fast.patch')
    // the rebase wrote the top-level files only (a sparse checkout), not the tree's directories
    expect((await readdir(join(workDir, 'repo'))).sort()).toEqual(['.git', 'README', 'main.c'])
    // the .dsc extracts and carries the patch applied
    const dsc = files.find((f) => f.endsWith('.dsc'))!
    const x = await tempDir('pc-x-')
    await run('dpkg-source', ['-x', dsc, join(x, 'src')], { env: { LC_ALL: 'C' } })
    expect(await readFile(join(x, 'src/main.c'), 'utf8')).toContain('hello, fast')
    const changelog = await readFile(join(x, 'src/debian/changelog'), 'utf8')
    expect(changelog.split('\n')[0]).toBe('hello (1.1-1+carrier1) UNRELEASED; urgency=medium')
    expect(changelog).toContain('Add fast.patch')
    expect(changelog).toMatch(/Carried patches:\n +- fast.patch/)
    // the orig tarball came from pristine-tar
    expect(result.summary).toMatch(
      /orig tarballs from pristine-tar, made alongside the rebase in \d+\.\d\d s/,
    )
    expect(result.summary).toContain('hello_1.1.orig.tar.gz')
  })

  it.runIf(shmIsTmpfs)(
    'builds the same files in memory as on disk (scratch-in-memory) and leaves nothing in memory',
    async () => {
      const upstream = await helloUpstream()
      const fork = await makeFork(upstream.url, 'debian/1.0-1')
      await addDownstreamPatch(fork, 'fast.patch', fastPatch)
      await upstream.release({ version: '1.1-1', source: { 'main.c': mainC('hello') }, pristineTar: true })
      const build = async (inMemory: string) => {
        const result = await runAction({
          'remote-url': fork.url,
          'upstream-url': upstream.url,
          'upstream-tags': 'debian/*',
          'output-dir': await tempDir('pc-out-'),
          'work-dir': await tempDir('pc-work-'),
          'dry-run': 'true',
          'scratch-in-memory': inMemory,
        })
        expect(result.code, result.stdout).toBe(0)
        const files = JSON.parse(result.outputs.files!) as string[]
        const digests = await Promise.all(
          files.map(
            async (file) =>
              `${basename(file)} ${createHash('sha256')
                .update(await readFile(file))
                .digest('hex')}`,
          ),
        )
        return { log: result.stdout, digests: digests.sort() }
      }
      const disk = await build('false')
      expect(disk.log).toMatch(/^Build scratch on disk, .*: scratch-in-memory is false$/m)
      const memory = await build('true')
      expect(memory.log).toMatch(/^Build scratch in memory, \/dev\/shm\/patch-carrier-\d+-\w+ /m)
      expect(memory.digests).toHaveLength(3)
      expect(memory.digests).toEqual(disk.digests)
      const left = /^Build scratch in memory, (\S+) /m.exec(memory.log)![1]!
      await expect(readdir(left)).rejects.toThrow(/ENOENT/)
    },
  )

  it('is up to date without downloading file contents, and check mode reports it', async () => {
    const upstream = await helloUpstream()
    const fork = await makeFork(upstream.url, 'debian/1.0-1')
    await addDownstreamPatch(fork, 'fast.patch', fastPatch)
    const refsBefore = await fork.refs()
    const result = await runAction({
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'debian/*',
    })
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs.result).toBe('up-to-date')
    expect(result.outputs['upstream-tag']).toBe('debian/1.0-1')
    expect(await fork.refs()).toEqual(refsBefore)
    const check = await runAction({
      mode: 'check',
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'debian/*',
    })
    expect(check.outputs.result).toBe('up-to-date')
    await upstream.release({ version: '1.1-1', source: { 'main.c': mainC('hello') } })
    const check2 = await runAction({
      mode: 'check',
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'debian/*',
    })
    expect(check2.outputs.result).toBe('update-available')
    expect(check2.outputs['upstream-tag']).toBe('debian/1.1-1')
    expect(await fork.refs()).toEqual(refsBefore)
  })
})
