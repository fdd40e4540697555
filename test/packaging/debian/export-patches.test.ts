import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GitRepo } from '../../../src/git/repo.js'
import { exportCommitPatches, patchFileName } from '../../../src/packaging/debian/export-patches.js'
import { run } from '../../../src/process/run.js'
import { runAction } from '../../support/action.js'
import { makeFork } from '../../support/debian-fixtures.js'
import { commitFiles, fixtureEnv, git } from '../../support/git.js'
import { debianDir, makePlainUpstream } from '../../support/plain-fixtures.js'
import { tempDir } from '../../support/tmp.js'

const mainC = (delay: number, release = '1.0') =>
  `int delay_ms = ${delay};\nint main(void) {\n  return delay_ms;\n}\n\n/* release ${release} */\n`

/** A repository with an upstream commit and the given downstream commits on top; returns base and head. */
async function history(commits: [string, Record<string, string>][]) {
  const dir = await tempDir('pc-export-')
  await git(dir, 'init', '-q', '-b', 'main')
  const base = await commitFiles(dir, 'upstream', { 'src/main.c': mainC(500), README: 'app\n' })
  let head = base
  for (const [message, files] of commits) head = await commitFiles(dir, message, files)
  return { dir, repo: new GitRepo(join(dir, '.git'), dir), base, head }
}

describe('patchFileName', () => {
  it('numbers and sanitises subjects the way git format-patch names its files', () => {
    expect(patchFileName(1, 'Fix: the "IDLE" debounce (500 ms)')).toBe(
      '0001-Fix-the-IDLE-debounce-500-ms.patch',
    )
    expect(patchFileName(12, '...')).toBe('0012-patch.patch')
    expect(patchFileName(3, `${'x'.repeat(80)}`)).toBe(`0003-${'x'.repeat(52)}.patch`)
  })
})

describe('exportCommitPatches', () => {
  it('exports one patch per commit that changes upstream files, limited to them, with DEP-3 headers', async () => {
    const { repo, base, head } = await history([
      ['Package', debianDir('app', '1.0-1')],
      ['Drop the delay', { 'src/main.c': mainC(0), 'debian/rules': '#!/usr/bin/make -f\n' }],
      ['Add a helper', { 'src/helper.c': 'int helper;\n', '.github/workflows/x.yml': 'on: push\n' }],
    ])
    const set = await exportCommitPatches({
      repo,
      base,
      head,
      exclude: ['debian', '.github'],
      taken: new Set(['0001-Drop-the-delay.patch']),
    })
    expect(set.combined).toBe(false)
    expect(set.patches.map((patch) => [patch.name, patch.commit.subject])).toEqual([
      ['0001-Drop-the-delay-2.patch', 'Drop the delay'],
      ['0002-Add-a-helper.patch', 'Add a helper'],
    ])
    const [drop, helper] = set.patches.map((patch) => patch.text)
    expect(drop).toMatch(
      /^From: Fixture Author <author@example.org>\nDate: Thu, 1 Jan 2026 00:00:00 \+0000\nSubject: Drop the delay\n/m,
    )
    expect(drop).toContain('--- a/src/main.c\n+++ b/src/main.c\n')
    expect(drop).not.toContain('debian/')
    expect(helper).toContain('+++ b/src/helper.c')
    expect(helper).not.toContain('.github')
  })

  it('falls back to one combined patch when a merge resolution makes the commits not replay', async () => {
    const { dir, repo, base } = await history([])
    await git(dir, 'checkout', '-q', '-b', 'side')
    await commitFiles(dir, 'Side delay', { 'src/main.c': mainC(100) })
    await git(dir, 'checkout', '-q', 'main')
    await commitFiles(dir, 'Main delay', { 'src/main.c': mainC(200) })
    await run('git', ['merge', '-q', 'side'], { cwd: dir, env: fixtureEnv, okCodes: [1] })
    const head = await commitFiles(dir, 'Merge side', { 'src/main.c': mainC(150) })
    const set = await exportCommitPatches({ repo, base, head, exclude: [] })
    expect(set.combined).toBe(true)
    expect(set.patches.map((patch) => patch.name)).toEqual(['0001-downstream-changes.patch'])
    expect(set.patches[0]!.text).toContain('+int delay_ms = 150;')
  })

  it('refuses binary changes with a message naming the file', async () => {
    const { repo, base, head } = await history([['Add a logo', { 'logo.png': '\u0000PNG\u0000' }]])
    await expect(exportCommitPatches({ repo, base, head, exclude: [] })).rejects.toThrow(
      'downstream commits change binary upstream files (logo.png)',
    )
  })
})

describe('sync of a plain code fork with debian/', () => {
  it('exports the code commit into debian/patches, so the .dsc extracts with the change', async () => {
    const upstream = await makePlainUpstream()
    await upstream.release(['v1.0'], { 'src/main.c': mainC(500), README: 'app\n' })
    const fork = await makeFork(upstream.url, 'v1.0')
    await fork.commit('Package for Debian', debianDir('app', '1.0-1'))
    await fork.commit('Drop the 500 ms delay', { 'src/main.c': mainC(0), 'src/new.c': 'int fresh;\n' })
    await upstream.release(['v1.1'], { 'src/main.c': mainC(500, '1.1'), README: 'app 1.1\n' })

    const out = await tempDir('pc-out-')
    const result = await runAction({
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'output-dir': out,
    })
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs).toMatchObject({ result: 'updated', version: '1.1-1+carrier1' })
    const files = JSON.parse(result.outputs.files!) as string[]
    expect(files.map((file) => basename(file)).sort()).toEqual(
      ['app_1.1-1+carrier1.debian.tar.xz', 'app_1.1-1+carrier1.dsc', 'app_1.1.orig.tar.gz'].sort(),
    )
    const x = join(await tempDir('pc-x-'), 'src')
    await run('dpkg-source', ['-x', join(out, 'app_1.1-1+carrier1.dsc'), x], { env: { LC_ALL: 'C' } })
    expect(await readFile(join(x, 'src/main.c'), 'utf8')).toBe(mainC(0, '1.1'))
    expect(await readFile(join(x, 'src/new.c'), 'utf8')).toBe('int fresh;\n')
    expect(await readFile(join(x, 'debian/patches/series'), 'utf8')).toBe(
      '0001-Drop-the-500-ms-delay.patch\n',
    )
    const patch = await readFile(join(x, 'debian/patches/0001-Drop-the-500-ms-delay.patch'), 'utf8')
    expect(patch).toMatch(/^Subject: Drop the 500 ms delay$/m)
    // the orig tarball is upstream's, and the branch itself got no debian/patches
    const orig = (await run('tar', ['-xzOf', join(out, 'app_1.1.orig.tar.gz'), 'app-1.1/src/main.c'])).stdout
    expect(orig).toBe(mainC(500, '1.1'))
    expect(await git(fork.bare, 'ls-tree', '--name-only', 'refs/heads/main', 'debian/')).toBe(
      'debian/changelog\ndebian/control\ndebian/rules\ndebian/source',
    )
    expect(result.summary).toContain('exported to debian/patches')
  })
})
