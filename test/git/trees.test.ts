import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readBranchHistory, readBranchHistoryRetrying } from '../../src/git/history.js'
import { commitMessage, messagesBetween } from '../../src/git/log.js'
import { setRef } from '../../src/git/refs.js'
import { GitRepo } from '../../src/git/repo.js'
import { treeOf, treePaths, writeBlob, writeDiskBlobs, writeTreeOf } from '../../src/git/trees.js'
import { initBareRepo, initWorkRepo } from '../../src/git/workspace.js'
import { commitFiles, git } from '../support/git.js'
import { tempDir } from '../support/tmp.js'

/** A work repository with two commits: `first` holds a/, b.txt; `second` changes b.txt. */
async function twoCommits(): Promise<{ repo: GitRepo; work: string; first: string; second: string }> {
  const work = join(await tempDir('pc-trees-'), 'work')
  await git(await tempDir('pc-trees-root-'), 'init', '-q', '-b', 'main', work)
  const first = await commitFiles(work, 'first\n\nBody: one', { 'a/x.txt': 'x\n', 'b.txt': 'b\n' })
  const second = await commitFiles(work, 'second', { 'b.txt': 'b2\n' })
  return { repo: new GitRepo(join(work, '.git'), work), work, first, second }
}

describe('trees, written without the repository index', () => {
  it('stores files and links as they are, and builds a tree on a base with a directory replaced', async () => {
    const { repo, work, first } = await twoCommits()
    const dir = await tempDir('pc-trees-files-')
    await mkdir(join(dir, 'debian'))
    await writeFile(join(dir, 'debian/rules'), 'crlf\r\n')
    await chmod(join(dir, 'debian/rules'), 0o755)
    await symlink('rules', join(dir, 'debian/link'))
    const files = [
      { absolute: join(dir, 'debian/link'), link: true },
      { absolute: join(dir, 'debian/rules'), link: false },
    ]
    const [link, rules] = await writeDiskBlobs(repo, files)
    expect(await git(work, 'cat-file', 'blob', link!)).toBe('rules')
    expect(rules).toBe(await writeBlob(repo, 'crlf\r\n'))

    const index = join(dir, 'index')
    const tree = await writeTreeOf(
      repo,
      index,
      [
        { mode: '120000', blob: link!, path: 'a/link' },
        { mode: '100755', blob: rules!, path: 'a/rules' },
      ],
      { tree: await treeOf(repo, first), remove: 'a' },
    )
    expect(await git(work, 'ls-tree', '-r', '--name-only', tree)).toBe('a/link\na/rules\nb.txt')
    expect(await git(work, 'ls-tree', tree, 'a/rules')).toMatch(/^100755 blob /)
    expect(await git(work, 'status', '--porcelain')).toBe('')
    const fromScratch = await writeTreeOf(repo, index, [{ mode: '100644', blob: rules!, path: 'only' }])
    expect(await treePaths(repo, fromScratch)).toEqual(['only'])
  })
})

describe('commit messages and refs', () => {
  it('reads one message, the messages of a range oldest first, and sets a ref', async () => {
    const { repo, work, first, second } = await twoCommits()
    expect(await commitMessage(repo, first)).toBe('first\n\nBody: one\n')
    expect(await messagesBetween(repo, first, second)).toEqual(['second\n', ''])
    await setRef(repo, 'refs/patch-carrier/test', first)
    expect(await git(work, 'rev-parse', 'refs/patch-carrier/test')).toBe(first)
    expect(await treePaths(repo, second)).toEqual(['a/x.txt', 'b.txt'])
  })
})

describe('readBranchHistoryRetrying', () => {
  it('names the branch in the error it throws, as the class asked for', async () => {
    class ProbeError extends Error {}
    const dir = join(await tempDir('pc-history-'), 'probe.git')
    const missing = join(await tempDir('pc-history-none-'), 'none.git')
    const failure = readBranchHistoryRetrying(
      { dir, url: missing, branch: 'main' },
      () => true,
      {},
      ProbeError,
    )
    await expect(failure).rejects.toThrow(ProbeError)
    await expect(failure).rejects.toThrow(/^Cannot read the history of branch 'main' from remote-url: /)
  })

  it('reads the history of a branch again after a stale lock', async () => {
    const { work, first, second } = await twoCommits()
    const dir = join(await tempDir('pc-history-'), 'probe.git')
    await initBareRepo(dir)
    await writeFile(join(dir, 'shallow.lock'), '')
    const history = await readBranchHistoryRetrying({ dir, url: work, branch: 'main' }, () => true)
    expect(history.commits).toEqual([second, first])
  })

  it('deepens a shallow read until the branch has enough commits, and says when it read them all', async () => {
    const { work } = await twoCommits()
    for (let i = 0; i < 98; i++) await git(work, 'commit', '-q', '--allow-empty', '-m', `empty ${i}`)
    const url = `file://${work}`
    const probe = async () => join(await tempDir('pc-history-'), 'probe.git')
    const cut = await readBranchHistory(await probe(), url, 'main', (commits) => commits.length >= 70)
    expect(cut).toMatchObject({ complete: true, depth: 512 }) // deepened from 64 to 512: the root is reached
    expect(cut.commits).toHaveLength(100)
    const whole = await readBranchHistory(await probe(), url, 'main', () => false)
    expect(whole.complete).toBe(true)
    expect(whole.commits).toHaveLength(100)
    const shallow = await readBranchHistory(await probe(), url, 'main', (commits) => commits.length >= 10)
    expect(shallow).toMatchObject({ complete: false, depth: 64 })
    expect(shallow.commits).toHaveLength(64)
  })
})

describe('initWorkRepo', () => {
  it('makes a run-private repository: no background gc or maintenance, no advice, no line-end conversion', async () => {
    const dir = join(await tempDir('pc-work-'), 'work')
    await initWorkRepo(dir)
    const get = (key: string) => git(dir, 'config', '--local', '--get', key)
    expect([await get('gc.auto'), await get('maintenance.auto')]).toEqual(['0', 'false'])
    expect([await get('advice.detachedHead'), await get('core.autocrlf')]).toEqual(['false', 'false'])
    expect(await git(dir, 'rev-parse', '--is-bare-repository')).toBe('false')
  })
})
