import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runAction, type ActionRun } from '../support/action.js'
import { makeFork, type Fork } from '../support/debian-fixtures.js'
import { commitFiles, git } from '../support/git.js'
import { serveOnGitHub, type GitHubFork } from '../support/github-fork.js'
import { makePlainUpstream, type PlainUpstream } from '../support/plain-fixtures.js'
import { runAndKill } from '../support/reliability-kill.js'
import { tempDir } from '../support/tmp.js'

/**
 * A cold update (no cache) fetches the history after the previous tag and the files the run reads, not
 * the whole history; the fork, which has exactly the old tag's history, is served over smart HTTP and
 * must accept the push. Each case is one where the cheap fetch alone would not do.
 */

let served: GitHubFork | undefined
afterEach(async () => {
  await served?.close()
  served = undefined
})

const NARROW = /Fetched the history after v1\.0 only/
const FELL_BACK = /fetching the whole history instead/

/** Twenty upstream commits before v1.0, so a fetch of the whole history is not the same as a narrow one. */
async function upstreamAtV1(): Promise<PlainUpstream> {
  const upstream = await makePlainUpstream()
  for (let i = 0; i < 20; i++)
    await commitFiles(upstream.work, `history ${i}`, { [`old/file-${i}.c`]: `${i}\n` })
  await upstream.release(['v1.0'], { 'src/app.c': 'int main(void) { return 0; }\n' })
  return upstream
}

/** The upstream commit `back` commits before v1.0 (which the fork also has). */
const beforeV1 = (upstream: PlainUpstream, back: number) => git(upstream.work, 'rev-parse', `v1.0~${back}`)

async function push(upstream: PlainUpstream, ...refs: string[]): Promise<void> {
  await git(upstream.work, 'push', '-q', '--force', upstream.bare, ...refs)
}

async function release(upstream: PlainUpstream, tag: string, files: Record<string, string>): Promise<void> {
  await upstream.release([tag], files)
}

/** Runs the action in sync mode against the fork served "on GitHub", upstream over file://. */
async function sync(fork: Fork, upstream: PlainUpstream, workDir: string): Promise<ActionRun> {
  served ??= await serveOnGitHub(fork)
  return runAction(inputs(upstream, workDir), served.env)
}

function inputs(upstream: PlainUpstream, workDir: string): Record<string, string> {
  return {
    ...served!.inputs,
    'upstream-url': upstream.url,
    'upstream-tags': 'v*',
    branch: 'main',
    packaging: 'none',
    'work-dir': workDir,
  }
}

async function fileOnFork(fork: Fork, path: string): Promise<string> {
  return git(fork.bare, 'show', `refs/heads/main:${path}`)
}

/** The fork holds every object its refs reach: it accepted a complete push. */
async function assertForkWhole(fork: Fork, upstream: PlainUpstream, tag: string): Promise<void> {
  await git(fork.bare, 'fsck', '--connectivity-only', '--no-dangling')
  const tagCommit = await git(upstream.bare, 'rev-parse', `refs/tags/${tag}^{commit}`)
  await git(fork.bare, 'merge-base', '--is-ancestor', tagCommit, 'refs/heads/main')
}

async function assertNarrow(run: ActionRun, workDir: string): Promise<void> {
  expect(run.stdout).toMatch(NARROW)
  expect(run.stdout).not.toMatch(FELL_BACK)
  // the work repository is shallow, and no remote (nor any token) went into its config
  const config = await readFile(join(workDir, 'repo', '.git', 'config'), 'utf8')
  expect(config).not.toMatch(/\[remote|promisor|extraheader/i)
  expect(config).not.toContain(served!.token)
}

describe('a cold update fetches what is new', () => {
  it('rebases onto a tag a few commits on and pushes to a fork that has only the old history', async () => {
    const upstream = await upstreamAtV1()
    const fork = await makeFork(upstream.url, 'v1.0')
    await fork.commit('Downstream tweak', { 'src/app.c': 'int main(void) { return 1; }\n' })
    await fork.commit('Downstream file', { 'downstream.txt': 'ours\n' })
    for (let i = 0; i < 5; i++)
      await commitFiles(upstream.work, `after ${i}`, { [`new/file-${i}.c`]: `${i}\n` })
    await release(upstream, 'v2.0', { README: 'v2\n' })

    const workDir = await tempDir('pc-work-')
    const run = await sync(fork, upstream, workDir)
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.outputs).toMatchObject({ result: 'updated', 'previous-tag': 'v1.0', 'upstream-tag': 'v2.0' })
    await assertNarrow(run, workDir)
    expect(await readFile(join(workDir, 'repo', '.git', 'shallow'), 'utf8')).not.toBe('')
    await assertForkWhole(fork, upstream, 'v2.0')
    expect(await fileOnFork(fork, 'src/app.c')).toBe('int main(void) { return 1; }')
    expect(await fileOnFork(fork, 'downstream.txt')).toBe('ours')
    expect(await fileOnFork(fork, 'new/file-4.c')).toBe('4')
    // the old history was never fetched: its first commits are not in the work repository
    const root = await git(upstream.bare, 'rev-list', '--max-parents=0', 'v1.0')
    const there = await git(join(workDir, 'repo'), 'cat-file', '--batch-check', '--batch-all-objects')
    expect(there).not.toContain(root)
  })

  it('merges a downstream change three ways into a file the old tag does not have', async () => {
    const lib = Array.from({ length: 12 }, (_, i) => `line ${i}`).join('\n') + '\n'
    const upstream = await makePlainUpstream()
    for (let i = 0; i < 5; i++) await commitFiles(upstream.work, `history ${i}`, { [`old/${i}.c`]: `${i}\n` })
    await upstream.release(['v1.0'], { 'lib.c': lib })
    const fork = await makeFork(upstream.url, 'v1.0')
    await fork.commit('Tune lib.c', { 'lib.c': lib.replace('line 11', 'line 11, tuned') })
    // upstream moves lib.c to src/lib.c and changes its top: the replay finds the rename and merges the
    // fork's change into src/lib.c, which v1.0 does not have (base v1.0's lib.c, ours and theirs)
    await git(upstream.work, 'mv', 'lib.c', 'src-lib.c')
    await git(upstream.work, 'commit', '-q', '-m', 'Move lib.c')
    await release(upstream, 'v2.0', { 'src-lib.c': lib.replace('line 0', 'line 0, upstream') })

    const workDir = await tempDir('pc-work-')
    const run = await sync(fork, upstream, workDir)
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.outputs.result).toBe('updated')
    await assertNarrow(run, workDir)
    await assertForkWhole(fork, upstream, 'v2.0')
    expect(await fileOnFork(fork, 'src-lib.c')).toBe(
      lib.replace('line 0', 'line 0, upstream').replace('line 11', 'line 11, tuned').trimEnd(),
    )
    await expect(fileOnFork(fork, 'lib.c')).rejects.toThrow()
  })

  it('opens a pull request for a conflict, pushing the new tag and what applied over HTTP', async () => {
    const upstream = await upstreamAtV1()
    const fork = await makeFork(upstream.url, 'v1.0')
    await fork.commit('Add extra.c', { 'extra.c': 'int extra = 1;\n' })
    await release(upstream, 'v2.0', { 'extra.c': 'int extra = 2;\n' })

    const workDir = await tempDir('pc-work-')
    const run = await sync(fork, upstream, workDir)
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.outputs).toMatchObject({ result: 'conflict', 'pull-request-operation': 'created' })
    await assertNarrow(run, workDir)
    const [pull] = served!.api.pulls()
    expect(pull!.body).toMatch(/<<<<<<< [\s\S]*int extra = 2;[\s\S]*int extra = 1;/)
    const refs = await fork.refs()
    const tagCommit = await git(upstream.bare, 'rev-parse', 'refs/tags/v2.0^{commit}')
    expect(refs.get('refs/heads/patch-carrier/upstream/v2.0')).toBe(tagCommit)
    await git(fork.bare, 'fsck', '--connectivity-only', '--no-dangling')
  })

  it('fetches the base of a branch upstream merged, which started before the old tag', async () => {
    const upstream = await upstreamAtV1()
    // a long-lived branch from before v1.0, merged right onto v1.0 (the merge's first parent is the tag)
    const started = await beforeV1(upstream, 10)
    await git(upstream.work, 'checkout', '-q', '-b', 'feature', started)
    for (let i = 0; i < 3; i++)
      await commitFiles(upstream.work, `feature ${i}`, { [`feature/f${i}.c`]: `${i}\n` })
    await git(upstream.work, 'checkout', '-q', 'main')
    await git(upstream.work, 'merge', '-q', '--no-ff', '-m', 'Merge feature', 'feature')
    await release(upstream, 'v2.0', { README: 'v2\n' })
    await push(upstream, 'refs/heads/feature:refs/heads/feature')
    const fork = await makeFork(upstream.url, 'v1.0')
    await fork.commit('Downstream', { 'downstream.txt': 'ours\n' })

    const workDir = await tempDir('pc-work-')
    const run = await sync(fork, upstream, workDir)
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.outputs.result).toBe('updated')
    await assertNarrow(run, workDir)
    expect(run.stdout).toMatch(/Upstream merged history that started before v1\.0/)
    await assertForkWhole(fork, upstream, 'v2.0')
    expect(await fileOnFork(fork, 'feature/f2.c')).toBe('2')
    expect(await fileOnFork(fork, 'downstream.txt')).toBe('ours')
  })

  it('deepens the fork when a downstream commit sits on a commit older than the old tag', async () => {
    const upstream = await upstreamAtV1()
    const fork = await makeFork(upstream.url, 'v1.0')
    // downstream work started before v1.0, which then took v1.0 in (the tag is the merge's second parent)
    await git(fork.work, 'checkout', '-q', '-b', 'old-work', await beforeV1(upstream, 15))
    await commitFiles(fork.work, 'Old downstream work', { 'old-work.txt': 'old\n' })
    await git(fork.work, 'merge', '-q', '--no-ff', '-m', 'Take v1.0', 'main')
    await git(fork.work, 'push', '-q', fork.bare, 'HEAD:refs/heads/main')
    await fork.commit('Newer downstream work', { 'new-work.txt': 'new\n' })
    await release(upstream, 'v2.0', { README: 'v2\n' })

    const workDir = await tempDir('pc-work-')
    const run = await sync(fork, upstream, workDir)
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.outputs.result).toBe('updated')
    await assertNarrow(run, workDir)
    expect(run.stdout).toMatch(/sits on history older than the previous tag: fetching \d+ more commits/)
    await assertForkWhole(fork, upstream, 'v2.0')
    expect(await fileOnFork(fork, 'old-work.txt')).toBe('old')
    expect(await fileOnFork(fork, 'new-work.txt')).toBe('new')
    const v2 = await git(upstream.bare, 'rev-parse', 'refs/tags/v2.0^{commit}')
    expect(await git(fork.bare, 'log', '--format=%s', `${v2}..main`)).toBe(
      'Newer downstream work\nOld downstream work',
    )
  })

  it('finishes on a re-run after a run killed between the history and the files', async () => {
    const upstream = await upstreamAtV1()
    const fork = await makeFork(upstream.url, 'v1.0')
    await fork.commit('Downstream', { 'downstream.txt': 'ours\n' })
    await release(upstream, 'v2.0', { README: 'v2\n' })
    const workDir = await tempDir('pc-work-')
    // over file:// (runAndKill sets no GitHub server for a token): the kill, not the transport, is the point
    const local = {
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'v*',
      packaging: 'none',
      'work-dir': workDir,
    }
    const before = await fork.head()
    const killed = await runAndKill(local, NARROW)
    expect(killed.killed, killed.stdout).toBe(true)
    expect(await fork.head()).toBe(before)

    const again = await runAction(local)
    expect(again.code, again.stdout + again.stderr).toBe(0)
    expect(again.outputs.result).toBe('updated')
    expect(again.stdout).toMatch(NARROW)
    expect(again.stdout).not.toMatch(FELL_BACK)
    await assertForkWhole(fork, upstream, 'v2.0')
    expect(await fileOnFork(fork, 'downstream.txt')).toBe('ours')
  })
})
