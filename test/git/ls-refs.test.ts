import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gitAuthEnv } from '../../src/github/git-auth.js'
import { listRefs, openRefSession } from '../../src/git/ls-refs.js'
import { listRemote } from '../../src/git/remote.js'
import { startGitHttpServer, type GitHttpServer } from '../support/git-http-server.js'
import { commitFiles, git } from '../support/git.js'
import { tempDir } from '../support/tmp.js'

const token = 'ghs_lsRefsTestToken0123456789'
let server: GitHttpServer
let bare: string
let first: string
let second: string

beforeAll(async () => {
  const root = await tempDir('pc-ls-refs-')
  const work = join(root, 'work')
  await git(root, 'init', '-q', '-b', 'main', work)
  first = await commitFiles(work, 'first', { README: 'one\n' })
  await git(work, 'tag', '-a', '-m', 'v1.0', 'v1.0')
  await git(work, 'tag', 'v1.1') // lightweight
  await git(work, 'tag', '-a', '-m', 'debian', 'debian/1.0-1')
  second = await commitFiles(work, 'second', { README: 'two\n' })
  await git(work, 'tag', '-a', '-m', 'v2.0', 'v2.0')
  await git(work, 'branch', 'patch-carrier/rebase/v2.0')
  bare = join(root, 'repo.git')
  await git(root, 'clone', '-q', '--bare', work, bare)
  server = await startGitHttpServer({ root, token })
})

afterAll(async () => {
  await server.close()
})

const http = () => `${server.url}/repo.git`
const auth = () => gitAuthEnv(token, server.url)

describe('listRefs (protocol v2 ls-refs)', () => {
  it('lists only the refs under the prefixes, without peeling unless asked', async () => {
    for (const [url, env] of [
      [`file://${bare}`, {}],
      [http(), auth()],
    ] as const) {
      const plain = await listRefs(url, { prefixes: ['refs/tags/v'], peel: false }, env)
      expect([...plain.refs.keys()].sort()).toEqual(['refs/tags/v1.0', 'refs/tags/v1.1', 'refs/tags/v2.0'])
      expect(plain.tagCommits.size).toBe(0)
      const peeled = await listRefs(url, { prefixes: ['refs/tags/v', 'HEAD'], peel: true }, env)
      expect(peeled.headBranch).toBe('main')
      expect(Object.fromEntries(peeled.tagCommits)).toEqual({ 'v1.0': first, 'v1.1': first, 'v2.0': second })
      expect(peeled.refs.get('refs/tags/v1.0')).not.toBe(first) // the tag object
    }
  })

  it('lists everything without prefixes, as git ls-remote does', async () => {
    const all = await listRefs(http(), { prefixes: [], peel: true }, auth())
    const remote = await listRemote(http(), auth())
    expect(all).toEqual(remote)
  })

  it('asks the server to filter: the response carries no other ref', async () => {
    const before = server.requests().length
    const session = await openRefSession(http(), auth())
    try {
      const heads = await session.list({ prefixes: ['refs/heads/patch-carrier/'], peel: false })
      const tag = await session.list({ prefixes: ['refs/tags/v2.0'], peel: true })
      expect([...heads.refs.keys()]).toEqual(['refs/heads/patch-carrier/rebase/v2.0'])
      expect(tag.tagCommits.get('v2.0')).toBe(second)
    } finally {
      await session.close()
    }
    // one capability request, then one POST per listing over the same helper
    const requests = server.requests().slice(before)
    expect(requests.map((request) => request.method)).toEqual(['GET', 'POST', 'POST'])
    expect(requests.every((request) => request.authorized && !request.url.includes(token))).toBe(true)
  })

  it('falls back to git ls-remote where protocol v2 cannot be spoken, with the same result', async () => {
    const viaV2 = await listRefs(`file://${bare}`, { prefixes: ['refs/tags/', 'HEAD'], peel: true })
    const viaLsRemote = await listRefs(bare, { prefixes: ['refs/tags/', 'HEAD'], peel: true })
    expect(viaLsRemote).toEqual(viaV2)
  })

  it('fails with git words when the server refuses, and never with the token', async () => {
    const error = await listRefs(http(), { prefixes: [], peel: false }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(Error)
    expect(String(error)).toMatch(/ls-refs/)
    expect(String(error)).not.toContain(token)
  })
})
