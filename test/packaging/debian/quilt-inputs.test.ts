import { readdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GitRepo } from '../../../src/git/repo.js'
import { checkQuiltPatches } from '../../../src/packaging/debian/quilt-check.js'
import { exportQuiltInputs, patchTargets } from '../../../src/packaging/debian/quilt-inputs.js'
import { commitFiles, git } from '../../support/git.js'
import { growth } from '../../support/growth.js'
import { tempDir } from '../../support/tmp.js'
import { lines, packagingFiles, unifiedDiff } from './fixtures.js'

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort()
}

describe('patchTargets', () => {
  it('finds the names of unified, context and git diffs at every strip level', () => {
    const targets = patchTargets(
      [
        'Description: text mentioning --- not/a/header',
        'Index: pkg/src/index-name.c',
        '--- a/src/old.c\t2026-01-01 00:00:00',
        '+++ b/src/new name.c\t2026-01-01 00:00:00',
        '*** a/ctx.c',
        'diff --git a/src/same.c b/src/same.c',
        'rename from lib/from.c',
        'rename to lib/to.c',
        '--- "a/tab\\there\\303\\251.c"',
        '+++ b/crlf.c\r',
        '--- /dev/null',
      ].join('\n'),
    )
    for (const path of [
      'src/index-name.c',
      'src/old.c',
      'src/new name.c',
      'ctx.c',
      'src/same.c',
      'lib/from.c',
      'lib/to.c',
      'tab\thereé.c',
      'crlf.c',
      'a/src/old.c', // -p0
      'old.c', // -p2
    ])
      expect(targets, path).toContain(path)
    expect(targets).not.toContain('not/a/header') // not at the start of a line
  })

  it('stays linear on hostile header lines', () => {
    const targets = (n: number) => {
      const long = `--- ${'a/'.repeat(n)}x\n+++ ${'"'.repeat(n / 2)}\ndiff --git ${'a b '.repeat(n / 4)}\n`
      expect(patchTargets(long.repeat(5)).size).toBeLessThan(100)
    }
    // lines longer than a path can be (8192): eight times the text, about eight times the time (64 if
    // quadratic), whatever the load of the machine
    expect(growth(targets, 20_000, 8, 32)).toBeLessThan(32)
  })
})

describe('exportQuiltInputs', () => {
  it('writes debian/patches and the named files only, and the check gives the same answers as on the whole tree', async () => {
    const dir = await tempDir()
    await git(dir, 'init', '-q', '-b', 'main')
    const main = lines(20)
    const created = 'created upstream\n'
    const upstream: Record<string, string> = {
      'src/main.c': main.replace('line 3\n', 'line 3 upstream\n'),
      'src/created.c': 'upstream wrote it differently\n',
      'src/renamed-away.c': 'old\n',
    }
    for (let i = 0; i < 50; i++) upstream[`src/other-${i}.c`] = `int other${i};\n`
    const patches = {
      'edit.patch': await unifiedDiff('src/main.c', main, main.replace('line 10\n', 'line 10 patched\n')),
      // creates a file upstream has since added: it applies only to a tree that lacks the file
      'create.patch': (await unifiedDiff('src/created.c', '', created)).replace(
        '--- a/src/created.c',
        '--- /dev/null',
      ),
      'missing.patch': await unifiedDiff('src/nowhere.c', 'a\n', 'b\n'),
      'rename.patch':
        'diff --git a/src/renamed-away.c b/src/renamed.c\nsimilarity index 100%\n' +
        'rename from src/renamed-away.c\nrename to src/renamed.c\n',
    }
    const head = await commitFiles(dir, 'tree', {
      ...upstream,
      ...packagingFiles({ files: {}, patches }),
    })
    const repo = new GitRepo(join(dir, '.git'))

    const subset = await tempDir()
    await exportQuiltInputs(repo, head, subset)
    const written = await filesUnder(subset)
    expect(written).toEqual(
      [
        'debian/patches/create.patch',
        'debian/patches/edit.patch',
        'debian/patches/missing.patch',
        'debian/patches/rename.patch',
        'debian/patches/series',
        'src/created.c',
        'src/main.c',
        'src/renamed-away.c',
      ].sort(),
    )

    const whole = await checkQuiltPatches(dir)
    const partial = await checkQuiltPatches(subset)
    const statuses = (result: typeof whole) => result.patches.map((patch) => [patch.name, patch.status])
    expect(statuses(partial)).toEqual(statuses(whole))
    expect(statuses(whole)).toEqual([
      ['edit.patch', 'applies'],
      ['create.patch', 'fails'],
      ['missing.patch', 'fails'],
      ['rename.patch', 'applies'],
    ])
  })

  it('writes nothing but an empty directory when the tree has no patches', async () => {
    const dir = await tempDir()
    await git(dir, 'init', '-q', '-b', 'main')
    const head = await commitFiles(dir, 'tree', { 'src/a.c': 'a\n', 'debian/rules': 'r\n' })
    const subset = await tempDir()
    await exportQuiltInputs(new GitRepo(join(dir, '.git')), head, subset)
    expect(await filesUnder(subset)).toEqual([])
    expect((await checkQuiltPatches(subset)).ok).toBe(true)
  })
})
