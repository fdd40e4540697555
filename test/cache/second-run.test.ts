import { randomBytes } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAction, type ActionRun } from '../support/action.js'
import {
  addDownstreamPatch,
  fastPatch,
  helloMainC as mainC,
  makeDebianUpstream,
  makeFork,
} from '../support/debian-fixtures.js'
import { git, ownObjects } from '../support/git.js'
import { filesContaining } from '../support/github-fork.js'
import { carrierScenario } from '../support/github-scenario.js'
import { basicAuthValue } from '../../src/github/git-auth.js'
import { tempDir } from '../support/tmp.js'

const fileDigests = async (run: ActionRun): Promise<Record<string, string>> =>
  Object.fromEntries(
    await Promise.all(
      (JSON.parse(run.outputs.files!) as string[]).map(async (path) => [
        basename(path),
        (await readFile(path)).toString('base64'),
      ]),
    ),
  )

describe('cache between runs', () => {
  it('a second run borrows the cached upstream objects and orig tarballs: it fetches far less, builds the same', async () => {
    // an upstream with a sizeable history: 600 KB of incompressible source
    const blob = randomBytes(450_000).toString('base64')
    const upstream = await makeDebianUpstream({ source: 'big' })
    await upstream.release({ version: '1.0-1', source: { 'main.c': mainC('hello'), 'data.txt': blob } })
    const fork = await makeFork(upstream.url, 'debian/1.0-1')
    await addDownstreamPatch(fork, 'fast.patch', fastPatch)
    await upstream.release({
      version: '1.1-1',
      source: { 'main.c': mainC('hello'), 'data.txt': `${blob}\n1.1` },
    })
    const cacheDir = await tempDir('pc-cache-')
    const sync = async (inputs: Record<string, string>) => {
      const workDir = await tempDir('pc-work-')
      const run = await runAction({
        'remote-url': fork.url,
        'upstream-url': upstream.url,
        'upstream-tags': 'debian/*',
        'output-dir': await tempDir('pc-out-'),
        'work-dir': workDir,
        ...inputs,
      })
      expect(run.code, run.stdout + run.stderr).toBe(0)
      return { run, workDir }
    }

    // 1. the first run fills the cache
    const first = await sync({ 'cache-dir': cacheDir })
    expect(first.run.outputs.result).toBe('updated')
    expect(first.run.summary).toContain('orig tarballs from git-archive')
    expect(first.run.summary).not.toContain('(cached by an earlier run)')

    // 2. a Debian revision on the same upstream version: the same run with and without the cache
    await upstream.packagingRelease('debian/1.1-2', {
      'debian/rules': '#!/usr/bin/make -f\n%:\n\tdh $@ --with quilt\n',
    })
    const cached = await sync({ 'cache-dir': cacheDir, 'dry-run': 'true' })
    const uncached = await sync({ 'dry-run': 'true' })
    for (const { run } of [cached, uncached])
      expect(run.outputs).toMatchObject({ result: 'planned', version: '1.1-2+carrier1' })

    const withCache = await ownObjects(cached.workDir)
    const without = await ownObjects(uncached.workDir)
    // what a run fetches is what its work repository holds: the new packaging commit, not the history
    // a cold run fetches little history already (a narrow fetch): the cache still saves the tree and blobs
    expect(withCache.objects).toBeLessThan(without.objects)
    expect(withCache.kib * 10).toBeLessThan(without.kib)
    expect(without.kib).toBeGreaterThan(600)
    // the orig tarball came from the cache, byte for byte what it would have been
    expect(cached.run.summary).toContain('orig tarballs from git-archive (cached by an earlier run)')
    expect(uncached.run.summary).not.toContain('cached by an earlier run')
    expect(await fileDigests(cached.run)).toEqual(await fileDigests(uncached.run))
    // the cache is per upstream: one directory, a bare object store and the orig tarballs
    const [entry, ...others] = await readdir(cacheDir)
    expect(others).toEqual([])
    expect((await readdir(join(cacheDir, entry!))).sort()).toEqual(['objects.git', 'orig'])
  })

  it('holds no secret and nothing of the fork', async () => {
    const s = await carrierScenario('clean')
    try {
      const cacheDir = await tempDir('pc-cache-')
      const run = await s.sync({ 'cache-dir': cacheDir })
      expect(run.code, run.stdout + run.stderr).toBe(0)
      expect(run.outputs.result).toBe('updated')
      for (const secret of [s.github.token, basicAuthValue(s.github.token)])
        expect(await filesContaining(cacheDir, secret)).toEqual([])
      const [entry] = await readdir(cacheDir)
      const objects = join(cacheDir, entry!, 'objects.git')
      expect(await git(objects, 'config', '--list', '--local')).not.toMatch(/remote\.|extraheader|url/)
      // upstream's tag is there; the fork's rebased commit is not
      expect(await git(objects, 'rev-parse', `refs/tags/${s.tag}^{commit}`)).toBe(await s.tagCommit(s.tag))
      const forkCommit = await git(objects, 'cat-file', '-e', run.outputs.commit!).catch(() => 'absent')
      expect(forkCommit).toBe('absent')
      await s.assertNoTokenLeaked()
    } finally {
      await s.close()
    }
  })
})
