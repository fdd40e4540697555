import { createHash } from 'node:crypto'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { GitRepo } from '../../../src/git/repo.js'
import { buildComparingLess } from '../../../src/packaging/debian/build-compare-less.js'
import { buildSourcePackage, type SourceBuildResult } from '../../../src/packaging/debian/dpkg-source.js'
import { exportTree } from '../../../src/packaging/debian/export-tree.js'
import { makeOrigTarballs } from '../../../src/packaging/debian/orig.js'
import { listTreeFiles, origMatchesTree } from '../../../src/packaging/debian/orig-matches-tree.js'
import { run } from '../../../src/process/run.js'
import { commitFiles, git } from '../../support/git.js'
import { tempDir } from '../../support/tmp.js'
import { lines, makeDebianRepo, unifiedDiff } from './fixtures.js'

const main = lines(30)
const patched = main.replace('line 12\n', 'line 12 patched\n')
/** A patched file whose name is full of regex characters: dpkg-source gets it inside a regex. */
const odd = 'src/a+b(1).c'
const epoch = 1767225600

async function fork(): Promise<{ repo: GitRepo; upstream: string; head: string; dir: string }> {
  const dir = await tempDir()
  const patch = (await unifiedDiff('src/main.c', main, patched)) + (await unifiedDiff(odd, main, patched))
  const made = await makeDebianRepo(dir, {
    files: { README: 'hello\n', 'src/main.c': main, [odd]: main, 'doc/guide.txt': 'guide\n' },
    patches: { 'idle-debounce.patch': patch },
  })
  return { ...made, dir }
}

/** The orig tarball of `upstream` (git archive) and the tree of `head` in a fresh build directory. */
async function prepare(repo: GitRepo, upstream: string, head: string) {
  const buildDir = await tempDir()
  const made = await makeOrigTarballs({
    repo,
    source: 'hello',
    upstreamVersion: '1.0',
    outDir: buildDir,
    mode: 'git-archive',
    upstreamRevision: upstream,
  })
  const tree = join(buildDir, 'hello-1.0')
  await exportTree(repo, head, tree)
  let rewrites = 0
  const rewrite = async () => {
    rewrites++
    await rm(tree, { recursive: true, force: true })
    await exportTree(repo, head, tree)
  }
  return { tree, orig: made.files[0]!, rewrite, rewrites: () => rewrites }
}

async function digests(result: SourceBuildResult): Promise<Record<string, string>> {
  if (result.kind !== 'built') throw new Error(`not built: ${JSON.stringify(result)}`)
  const entries = await Promise.all(
    result.files.map(async (file) => [
      basename(file),
      createHash('sha256')
        .update(await readFile(file))
        .digest('hex'),
    ]),
  )
  return Object.fromEntries(entries)
}

describe('buildComparingLess', () => {
  it('builds, byte for byte, the package a whole-tree dpkg-source build makes', async () => {
    const { repo, upstream, head } = await fork()
    const less = await prepare(repo, upstream, head)
    const fast = await buildComparingLess(
      { treeDir: less.tree, outDir: join(await tempDir(), 'out'), sourceDateEpoch: epoch },
      less.orig,
      less.rewrite,
    )
    expect(fast.wholeTree).toBeUndefined()
    expect(less.rewrites()).toBe(0)

    const whole = await prepare(repo, upstream, head)
    const slow = await buildSourcePackage({
      treeDir: whole.tree,
      outDir: join(await tempDir(), 'out'),
      sourceDateEpoch: epoch,
    })
    const fastFiles = await digests(fast.built)
    expect(Object.keys(fastFiles).sort()).toEqual([
      'hello_1.0-1.debian.tar.xz',
      'hello_1.0-1.dsc',
      'hello_1.0.orig.tar.gz',
    ])
    expect(fastFiles).toEqual(await digests(slow))
  })

  // What a tree can hold that no patch records: dpkg-source alone decides, on the whole tree, as before.
  it.each<{ what: string; files: Record<string, string>; why: string; expected: object }>([
    {
      what: 'an upstream file changed in git (a single-debian-patch style tree)',
      files: { README: 'HELLO\n' },
      why: 'README: Contents differ',
      expected: { kind: 'upstream-changes', files: ['README'] },
    },
    {
      what: 'a file only git has',
      files: { 'src/new.c': 'int added;\n' },
      why: 'src/new.c is in the tree, not in the orig tarball',
      expected: { kind: 'upstream-changes', files: ['src/new.c'] },
    },
  ])('compares the whole tree when it holds $what', async ({ files, why, expected }) => {
    const { repo, upstream, dir } = await fork()
    const head = await commitFiles(dir, 'change upstream files without a patch', files)
    const less = await prepare(repo, upstream, head)
    const result = await buildComparingLess(
      { treeDir: less.tree, sourceDateEpoch: epoch },
      less.orig,
      less.rewrite,
    )
    expect(result.wholeTree).toBe(why)
    expect(less.rewrites()).toBe(1)
    expect(result.built).toMatchObject(expected)

    // comparing the patched files alone would have missed it
    const subset = await prepare(repo, upstream, head)
    const missed = await buildSourcePackage({
      treeDir: subset.tree,
      sourceDateEpoch: epoch,
      compareOnly: [odd],
    })
    expect(missed.kind).toBe('built')
  })

  it('builds from the whole tree, as dpkg-source does, when the tree lacks an orig file', async () => {
    const { repo, upstream, dir } = await fork()
    await git(dir, 'rm', '-q', 'doc/guide.txt')
    await git(dir, 'commit', '-q', '-m', 'drop the guide')
    const head = (await git(dir, 'rev-parse', 'HEAD')).trim()
    const less = await prepare(repo, upstream, head)
    const result = await buildComparingLess(
      { treeDir: less.tree, sourceDateEpoch: epoch },
      less.orig,
      less.rewrite,
    )
    expect(result.wholeTree).toBe('doc/guide.txt is in the orig tarball, not in the tree')
    // dpkg-source ignores a deleted file
    expect(result.built.kind).toBe('built')
  })

  it('still lets dpkg-source catch an unrecorded change to a patched file', async () => {
    const { repo, upstream, dir } = await fork()
    const head = await commitFiles(dir, 'change a patched file without a patch', {
      [odd]: main.replace('line 25\n', 'line 25 changed\n'),
    })
    const less = await prepare(repo, upstream, head)
    const result = await buildComparingLess(
      { treeDir: less.tree, sourceDateEpoch: epoch },
      less.orig,
      less.rewrite,
    )
    // tar leaves the patched files to dpkg-source, and dpkg-source compares them (the regex escapes the name)
    expect(result.wholeTree).toBeUndefined()
    expect(result.built).toMatchObject({ kind: 'upstream-changes', files: [odd] })
  })
})

describe('origMatchesTree', () => {
  it('reads tar messages that carry the program path (tar started by a wrapper)', async () => {
    const { repo, upstream, head } = await fork()
    const { tree, orig } = await prepare(repo, upstream, head)
    const wrappers = await tempDir()
    const real = (await run('sh', ['-c', 'command -v tar'])).stdout.trim()
    await writeFile(join(wrappers, 'tar'), `#!/bin/sh\nexec ${real} "$@"\n`, { mode: 0o755 })
    const path = process.env.PATH
    process.env.PATH = `${wrappers}:${path ?? ''}`
    try {
      const treeFiles = await listTreeFiles(tree)
      expect(await origMatchesTree({ orig, treeDir: tree, treeFiles, skip: new Set() })).toEqual({
        same: true,
      })
      await writeFile(join(tree, 'README'), 'changed\n')
      expect(await origMatchesTree({ orig, treeDir: tree, treeFiles, skip: new Set() })).toEqual({
        same: false,
        why: 'README: Size differs',
      })
    } finally {
      process.env.PATH = path
    }
  })
})

describe('origMatchesTree, one tar pass', () => {
  /** The orig tarball of the tree's files plus `extra` (name → content), made by GNU tar. */
  async function origWith(tree: string, extra: Record<string, string>): Promise<string> {
    const dir = await tempDir()
    const top = join(dir, 'hello-1.0')
    await run('cp', ['-a', tree, top])
    await rm(join(top, 'debian'), { recursive: true, force: true })
    for (const [name, content] of Object.entries(extra)) await writeFile(join(top, name), content)
    const orig = join(dir, 'hello_1.0.orig.tar.gz')
    await run('tar', ['-czf', orig, '-C', dir, 'hello-1.0'])
    return orig
  }

  it.each([
    [
      'a name that reads like a tar message',
      'notes: Contents differ',
      'notes: Contents differ is in the orig tarball, not in the tree',
    ],
    [
      'a name with a double quote',
      'say "hi"',
      'the orig tarball has a name tar escapes: hello-1.0/say \\"hi\\"',
    ],
  ])('sees %s as a member of the tarball', async (_what, name, why) => {
    const { repo, upstream, head } = await fork()
    const { tree } = await prepare(repo, upstream, head)
    const treeFiles = await listTreeFiles(tree)
    const request = { treeDir: tree, treeFiles, skip: new Set<string>() }
    expect(await origMatchesTree({ ...request, orig: await origWith(tree, {}) })).toEqual({ same: true })
    expect(await origMatchesTree({ ...request, orig: await origWith(tree, { [name]: 'x\n' }) })).toEqual({
      same: false,
      why,
    })
  })

  it('reads a name with a colon, which tar escapes in its messages only', async () => {
    const { repo, upstream, head } = await fork()
    const { tree } = await prepare(repo, upstream, head)
    await writeFile(join(tree, 'a:b.txt'), 'colon\n')
    const request = { treeDir: tree, treeFiles: await listTreeFiles(tree), skip: new Set<string>() }
    const orig = await origWith(tree, {})
    expect(await origMatchesTree({ ...request, orig })).toEqual({ same: true })
    await writeFile(join(tree, 'a:b.txt'), 'changed colon\n')
    expect(await origMatchesTree({ ...request, orig })).toEqual({ same: false, why: 'a:b.txt: Size differs' })
  })
})
