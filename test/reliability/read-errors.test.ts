import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GitRepo } from '../../src/git/repo.js'
import { exportQuiltPatches } from '../../src/packaging/debian/export-patches.js'
import { commitFiles, git } from '../support/git.js'
import { assertUsableFailure, runInProcess } from '../support/reliability-host.js'
import { tempDir } from '../support/tmp.js'

/**
 * A file the run must read that cannot be read is an error that says what failed, never a guess at the
 * cause and never an empty result: a config file that is a directory or a link loop is not "check out the
 * repository first"; a build tree whose debian/patches/series cannot be read is not "no patches yet".
 */

describe('a config file that cannot be read', () => {
  const check = async (path: string) =>
    assertUsableFailure(await runInProcess({ config: path, mode: 'check' }, { GITHUB_WORKSPACE: '/' }))

  it('missing: says so and that the repository may not be checked out', async () => {
    const dir = await tempDir()
    expect(await check(join(dir, 'patch-carrier.yml'))).toBe(
      `Input 'config': ${join(dir, 'patch-carrier.yml')}: does not exist: check out the repository first ` +
        '(actions/checkout), or fix the path',
    )
  })

  it('a directory: says it is one', async () => {
    const dir = await tempDir()
    expect(await check(dir)).toBe(`Input 'config': ${dir}: is a directory: name the config file in it`)
  })

  it('a link to itself: gives the system’s reason, not a checkout hint', async () => {
    const dir = await tempDir()
    const loop = join(dir, 'patch-carrier.yml')
    await symlink(loop, loop)
    const message = await check(loop)
    expect(message).toBe(
      `Input 'config': ${loop}: cannot be read: ELOOP: too many symbolic links encountered`,
    )
  })
})

describe('the build tree’s quilt files that cannot be read', () => {
  it('a series that is a directory stops the export, naming it', async () => {
    const dir = await tempDir('pc-export-')
    await git(dir, 'init', '-q', '-b', 'main')
    const base = await commitFiles(dir, 'upstream', { 'src/main.c': 'int delay = 500;\n' })
    const head = await commitFiles(dir, 'Drop the delay', { 'src/main.c': 'int delay = 0;\n' })
    const tree = await tempDir('pc-tree-')
    await mkdir(join(tree, 'debian', 'patches', 'series'), { recursive: true })
    await writeFile(join(tree, 'debian', 'patches', 'existing.patch'), 'kept\n')
    await expect(exportQuiltPatches(new GitRepo(join(dir, '.git'), dir), base, head, tree)).rejects.toThrow(
      /^debian\/patches\/series in the build tree cannot be read \(EISDIR\)$/,
    )
  })
})
