import { describe, expect, it } from 'vitest'
import { runAction } from '../support/action.js'
import { makeFork, type Fork } from '../support/debian-fixtures.js'
import { commitFiles, git } from '../support/git.js'
import { makePlainUpstream, type PlainUpstream } from '../support/plain-fixtures.js'
import { tempDir } from '../support/tmp.js'

/**
 * Upstream tags that name no release commit: a tag of a tree or a blob (directly or through annotated
 * tags) is passed by in discovery with a note, and refused by name in upstream-tag; a tag upstream moved
 * after the fork carried it is reported as such, and never makes upstream's commits look downstream.
 */

const identity = ['-c', 'user.name=Upstream', '-c', 'user.email=up@example.org']

/** v1.0 and v1.1 on commits; v2.0 names a tree, v3.0 a blob through an annotated tag, v4.0 a tree through two. */
async function oddUpstream(): Promise<PlainUpstream> {
  const upstream = await makePlainUpstream()
  await upstream.release(['v1.0'], { 'src/app.c': 'int v = 10;\n' })
  await upstream.release(['v1.1'], { 'src/app.c': 'int v = 11;\n' })
  const tree = await git(upstream.work, 'rev-parse', 'HEAD^{tree}')
  const blob = await git(upstream.work, 'rev-parse', 'HEAD:src/app.c')
  await git(upstream.work, 'tag', 'v2.0', tree)
  await git(upstream.work, ...identity, 'tag', '-a', '-m', 'a blob', 'v3.0', blob)
  await git(upstream.work, ...identity, 'tag', '-a', '-m', 'inner', 'inner-4.0', tree)
  await git(upstream.work, ...identity, 'tag', '-a', '-m', 'outer', 'v4.0', 'inner-4.0')
  await git(upstream.work, 'push', '-q', '--force', upstream.bare, 'refs/tags/*:refs/tags/*')
  return upstream
}

async function run(upstream: PlainUpstream, fork: Fork, inputs: Record<string, string> = {}) {
  return runAction({
    'remote-url': fork.url,
    'upstream-url': upstream.url,
    'upstream-tags': 'v*',
    packaging: 'none',
    'output-dir': await tempDir('pc-out-'),
    'work-dir': await tempDir('pc-work-'),
    ...inputs,
  })
}

const failure = (stdout: string) => /^::error::(.*)$/m.exec(stdout)?.[1] ?? ''

describe('tags of trees and blobs', () => {
  it('are passed by in discovery, each named in a note', async () => {
    const upstream = await oddUpstream()
    const fork = await makeFork(upstream.url, 'v1.0')
    const check = await run(upstream, fork, { mode: 'check' })
    expect(check.code).toBe(0)
    expect(check.outputs).toMatchObject({ result: 'update-available', 'upstream-tag': 'v1.1' })
    expect(check.summary).toContain(
      'upstream tag v4.0 points to a tree (through an annotated tag), not a commit',
    )
    expect(check.summary).toContain(
      'upstream tag v3.0 points to a blob (through an annotated tag), not a commit',
    )
    expect(check.summary).toContain('upstream tag v2.0 points to a tree, not a commit: passed by')

    const sync = await run(upstream, fork)
    expect(sync.outputs).toMatchObject({ result: 'updated', 'upstream-tag': 'v1.1' })
    expect(await fork.head()).toBe(await git(upstream.bare, 'rev-parse', 'refs/tags/v1.1^{commit}'))
  })

  it.each([
    ['v2.0', "upstream-tag 'v2.0' points to a tree, not a commit: name a release tag"],
    ['v3.0', "upstream-tag 'v3.0' points to a blob (through an annotated tag), not a commit"],
    ['v4.0', "upstream-tag 'v4.0' points to a tree (through an annotated tag), not a commit"],
  ])('named in upstream-tag (%s) fail with what they point to', async (tag, message) => {
    const upstream = await oddUpstream()
    const fork = await makeFork(upstream.url, 'v1.0')
    const before = await fork.refs()
    const result = await run(upstream, fork, { 'upstream-tag': tag })
    expect(result.code).toBe(1)
    expect(failure(result.stdout)).toContain(message)
    expect(await fork.refs()).toEqual(before)
  })
})

describe('a tag upstream moved after the fork carried it', () => {
  /** A fork of v1.0 with the tag copied (as a GitHub fork copies tags) and one downstream commit; v1.0 then moves. */
  async function movedUnderFork(newer: boolean) {
    const upstream = await makePlainUpstream()
    await upstream.release(['v0.9'], { 'src/app.c': 'int v = 9;\n' })
    await upstream.release(['v1.0'], { 'src/app.c': 'int v = 10;\n' })
    const fork = await makeFork(upstream.url, 'v1.0')
    await git(fork.work, 'push', '-q', fork.bare, 'refs/tags/v1.0:refs/tags/v1.0')
    await fork.commit('Downstream change', { 'src/fork.c': 'int fork;\n' })
    const was = await git(upstream.bare, 'rev-parse', 'refs/tags/v1.0')
    // upstream re-tags v1.0 on a rewritten commit, and (maybe) releases on top of it
    await git(upstream.work, 'reset', '-q', '--hard', 'v0.9')
    await commitFiles(upstream.work, 'Release v1.0 (again)', { 'src/app.c': 'int v = 10; /* again */\n' })
    await upstream.release(['v1.0'], {})
    if (newer) await upstream.release(['v1.1'], { 'src/app.c': 'int v = 11;\n' })
    const now = await git(upstream.bare, 'rev-parse', 'refs/tags/v1.0')
    return { upstream, fork, was, now }
  }

  it('is reported when it is the newest, and nothing changes', async () => {
    const { upstream, fork, was, now } = await movedUnderFork(false)
    const before = await fork.refs()
    const result = await run(upstream, fork)
    expect(result.code).toBe(1)
    expect(failure(result.stdout)).toContain(
      `Upstream moved tag v1.0 after the fork carried it: branch 'main' contains ${was.slice(0, 12)} ` +
        `(the fork's copy of the tag), upstream's v1.0 now points to ${now.slice(0, 12)}`,
    )
    expect(await fork.refs()).toEqual(before)
  })

  it("is noted when a newer release follows, and only the fork's own commit is carried onto it", async () => {
    const { upstream, fork, was } = await movedUnderFork(true)
    const result = await run(upstream, fork)
    expect(result.outputs).toMatchObject({
      result: 'updated',
      'upstream-tag': 'v1.1',
      'previous-tag': 'v1.0',
    })
    expect(result.summary).toContain(
      `upstream moved tag v1.0 after the fork carried it (the fork's copy: ${was.slice(0, 12)}`,
    )
    const v11 = await git(upstream.bare, 'rev-parse', 'refs/tags/v1.1^{commit}')
    expect(await git(fork.bare, 'log', '--format=%s', `${v11}..refs/heads/main`)).toBe('Downstream change')
  })
})
