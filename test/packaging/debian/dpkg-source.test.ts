import { readdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { GitRepo } from '../../../src/git/repo.js'
import { buildSourcePackage } from '../../../src/packaging/debian/dpkg-source.js'
import { exportTree } from '../../../src/packaging/debian/export-tree.js'
import { makeOrigTarballs } from '../../../src/packaging/debian/orig.js'
import { run } from '../../../src/process/run.js'
import { tempDir } from '../../support/tmp.js'
import { lines, makeDebianRepo, unifiedDiff, type DebianFixture } from './fixtures.js'

const main = lines(30)
const patched = main.replace('line 12\n', 'line 12 patched\n')

const fixture: DebianFixture = {
  files: { README: 'hello\n', 'src/main.c': main, '.github/workflows/ci.yml': 'on: push\n' },
  components: { pigeonhole: { 'sieve.c': 'int sieve;\n' } },
  extra: { '.github/workflows/sync.yml': 'on: schedule\n' },
}

/** orig tarballs (git archive) + exported tree in a fresh build directory, as the pipeline lays them out. */
async function prepare(repo: GitRepo, upstream: string, head: string): Promise<string> {
  const buildDir = await tempDir()
  await makeOrigTarballs({
    repo,
    source: 'hello',
    upstreamVersion: '1.0',
    outDir: buildDir,
    mode: 'git-archive',
    components: ['pigeonhole'],
    upstreamRevision: upstream,
  })
  const tree = join(buildDir, 'hello-1.0')
  await exportTree(repo, head, tree)
  return tree
}

async function withPatch(): Promise<{ repo: GitRepo; upstream: string; head: string }> {
  return makeDebianRepo(await tempDir(), {
    ...fixture,
    patches: { 'idle-debounce.patch': await unifiedDiff('src/main.c', main, patched) },
  })
}

describe('buildSourcePackage', () => {
  it('builds a 3.0 (quilt) package with a component, ignoring .github/, reproducibly', async () => {
    const { repo, upstream, head } = await withPatch()
    const outDir = join(await tempDir(), 'out')

    const tree1 = await prepare(repo, upstream, head)
    const first = await buildSourcePackage({ treeDir: tree1, outDir })
    expect(first.kind).toBe('built')
    if (first.kind !== 'built') return
    expect(first.source).toBe('hello')
    expect(first.version).toBe('1.0-1')
    expect(first.dsc).toBe(join(outDir, 'hello_1.0-1.dsc'))
    expect(first.files.map((file) => basename(file)).sort()).toEqual([
      'hello_1.0-1.debian.tar.xz',
      'hello_1.0-1.dsc',
      'hello_1.0.orig-pigeonhole.tar.gz',
      'hello_1.0.orig.tar.gz',
    ])
    expect(first.files[0]).toBe(first.dsc)
    expect((await readdir(outDir)).sort()).toEqual(first.files.map((file) => basename(file)).sort())

    const debianTar = first.files.find((file) => file.endsWith('.debian.tar.xz')) ?? ''
    const debianFiles = (await run('tar', ['-tJf', debianTar])).stdout
    expect(debianFiles).toContain('debian/patches/idle-debounce.patch')
    expect(debianFiles).not.toContain('.github')

    // The result unpacks with dpkg-source -x, patched, component in place.
    const unpacked = join(await tempDir(), 'x')
    await run('dpkg-source', ['-x', first.dsc, unpacked])
    expect(await readFile(join(unpacked, 'src/main.c'), 'utf8')).toBe(patched)
    expect(await readFile(join(unpacked, 'pigeonhole/sieve.c'), 'utf8')).toBe('int sieve;\n')

    // Again, from a fresh export whose files have other mtimes: byte-identical.
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const tree2 = await prepare(repo, upstream, head)
    const later = new Date(Date.now() + 3600_000)
    const earlier = new Date('2020-02-02T00:00:00Z')
    for (const file of ['debian/changelog', 'debian/control', 'debian/patches/series']) {
      await utimes(join(tree2, file), later, later)
    }
    for (const file of ['debian/rules', 'debian/source/format', 'debian/patches']) {
      await utimes(join(tree2, file), earlier, earlier)
    }
    const second = await buildSourcePackage({ treeDir: tree2 })
    expect(second.kind).toBe('built')
    if (second.kind !== 'built') return
    expect(second.files.map((file) => basename(file))).toEqual(first.files.map((file) => basename(file)))
    for (const [i, file] of first.files.entries()) {
      expect(await readFile(second.files[i] ?? ''), basename(file)).toEqual(await readFile(file))
    }
  })

  it('returns a patch that needs fuzz as a value', async () => {
    const { repo, head } = await withPatch()
    // A newer upstream where a context line of the patch moved on: fuzz 1 would be needed.
    const dir = repo.workTree ?? ''
    await run('git', ['checkout', '-q', '-b', 'new-upstream', 'upstream/1.0'], { cwd: dir })
    await writeFile(join(dir, 'src/main.c'), main.replace('line 9\n', 'line 9 upstream\n'))
    await run('git', ['commit', '-q', '-am', 'upstream 1.0 respin'], {
      cwd: dir,
      env: {
        GIT_AUTHOR_NAME: 'U',
        GIT_AUTHOR_EMAIL: 'u@example.org',
        GIT_COMMITTER_NAME: 'U',
        GIT_COMMITTER_EMAIL: 'u@example.org',
      },
    })
    const tree = await prepare(repo, 'new-upstream', head)
    await writeFile(join(tree, 'src/main.c'), main.replace('line 9\n', 'line 9 upstream\n'))

    const result = await buildSourcePackage({ treeDir: tree })
    expect(result).toMatchObject({ kind: 'patch-failed', patch: 'idle-debounce.patch' })
    expect(result.kind === 'patch-failed' && result.output).toContain('Hunk #1 FAILED')
    expect((await readdir(join(tree, '..'))).filter((name) => !/\.orig(-\w+)?\.tar\.gz$/.test(name))).toEqual(
      ['hello-1.0'],
    )
  })

  it('returns changes outside debian/ that no patch explains as a value', async () => {
    const { repo, upstream, head } = await withPatch()
    const tree = await prepare(repo, upstream, head)
    await writeFile(join(tree, 'README'), 'edited without a patch\n')
    await writeFile(join(tree, 'pigeonhole/new.c'), 'int n;\n')
    const result = await buildSourcePackage({ treeDir: tree })
    expect(result).toMatchObject({ kind: 'upstream-changes', files: ['README', 'pigeonhole/new.c'] })
  })

  it("fails with dpkg-source's own words otherwise", async () => {
    const { repo, upstream, head } = await withPatch()
    const tree = await prepare(repo, upstream, head)
    await run('rm', [join(tree, '..', 'hello_1.0.orig.tar.gz')])
    await expect(buildSourcePackage({ treeDir: tree })).rejects.toThrow(
      /dpkg-source -b failed.*\n.*no upstream tarball found/s,
    )
  })
})
