import { chmod, lstat, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GitRepo } from '../../../src/git/repo.js'
import { exportTree } from '../../../src/packaging/debian/export-tree.js'
import { commitFiles, git } from '../../support/git.js'
import { tempDir } from '../../support/tmp.js'

async function fixtureRepo(): Promise<{ dir: string; first: string; second: string }> {
  const dir = await tempDir()
  await git(dir, 'init', '-q', '-b', 'main')
  const first = await commitFiles(dir, 'one', {
    README: 'one\n',
    'src/a.c': 'int a;\n',
    'debian/rules': '#!/usr/bin/make -f\n',
  })
  await chmod(join(dir, 'debian/rules'), 0o755)
  await commitFiles(dir, 'exec', {})
  await git(dir, 'rm', '-q', 'src/a.c')
  await commitFiles(dir, 'two', {
    README: 'two\n',
    '.gitattributes': 'src export-ignore\n',
    'src/b.c': 'int b;\n',
  })
  await symlink('README', join(dir, 'LINK'))
  const second = await commitFiles(dir, 'link', {})
  return { dir, first, second }
}

describe('exportTree', () => {
  it('writes the tree of a commit from a bare repository, without an index', async () => {
    const { dir, first, second } = await fixtureRepo()
    const bare = join(await tempDir(), 'bare.git')
    await git(dir, 'clone', '-q', '--bare', dir, bare)
    const repo = new GitRepo(bare)

    const dest = join(await tempDir(), 'hello-1.0')
    await exportTree(repo, second, dest)
    expect(await readFile(join(dest, 'README'), 'utf8')).toBe('two\n')
    expect(await readFile(join(dest, 'src/b.c'), 'utf8')).toBe('int b;\n') // export-ignore does not apply
    expect(await readlink(join(dest, 'LINK'))).toBe('README')
    expect((await lstat(join(dest, 'LINK'))).isSymbolicLink()).toBe(true)
    expect((await stat(join(dest, 'debian/rules'))).mode & 0o111).not.toBe(0)
    await expect(stat(join(dest, 'src/a.c'))).rejects.toThrow()
    await expect(stat(join(bare, 'index'))).rejects.toThrow()

    const older = join(await tempDir(), 'old')
    await exportTree(repo, first, older)
    expect(await readFile(join(older, 'src/a.c'), 'utf8')).toBe('int a;\n')
  })

  it("leaves a work tree's index and files alone", async () => {
    const { dir, first } = await fixtureRepo()
    await writeFile(join(dir, 'README'), 'local edit\n')
    await git(dir, 'add', 'README')
    const indexBefore = await readFile(join(dir, '.git/index'))
    const repo = new GitRepo(join(dir, '.git'), dir)

    const dest = join(await tempDir(), 'tree')
    await exportTree(repo, first, dest)
    expect(await readFile(join(dest, 'README'), 'utf8')).toBe('one\n')
    expect(await readFile(join(dir, '.git/index'))).toEqual(indexBefore)
    expect(await readFile(join(dir, 'README'), 'utf8')).toBe('local edit\n')
    expect(await git(dir, 'status', '--porcelain')).toBe('M  README')
  })

  it('refuses a non-empty destination and an unknown commit', async () => {
    const { dir, first } = await fixtureRepo()
    const repo = new GitRepo(join(dir, '.git'), dir)
    const dest = await tempDir()
    await writeFile(join(dest, 'leftover'), 'x')
    await expect(exportTree(repo, first, dest)).rejects.toThrow(/is not empty/)
    await expect(exportTree(repo, 'no-such-ref', join(dest, 'sub'))).rejects.toThrow(
      /no-such-ref: no such commit/,
    )
  })
})
