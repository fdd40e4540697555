import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { basicAuthValue, gitAuthEnv } from '../../src/github/git-auth.js'
import { run } from '../../src/process/run.js'
import { startGitHttpServer, type GitHttpServer } from '../support/git-http-server.js'
import { commitFiles, fixtureEnv, git } from '../support/git.js'
import { tempDir } from '../support/tmp.js'

const token = 'ghs_gitAuthTestToken5551234'
const encoded = basicAuthValue(token)
let server: GitHttpServer
let root: string
let remote: string

/** git with an extra environment; returns the whole result (never throws). */
function gitWith(env: Record<string, string>, cwd: string, ...args: string[]) {
  return run('git', args, { cwd, env: { ...fixtureEnv, ...env }, okCodes: [0, 1, 2, 128] })
}

/** Every file under a directory, read as text (small test repositories). */
async function allText(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
  return (await Promise.all(files.map((file) => readFile(file, 'latin1')))).join('\n')
}

beforeAll(async () => {
  root = await tempDir('pc-git-http-')
  const work = join(root, 'work')
  await git(root, 'init', '-q', '-b', 'main', work)
  await commitFiles(work, 'first', { README: 'hello\n' })
  // Enough refs that a clone's negotiation is large and git gzips it.
  for (let i = 0; i < 40; i++) await git(work, 'tag', `v1.${i}`)
  await commitFiles(work, 'second', { README: 'hello again\n' })
  await git(root, 'clone', '-q', '--bare', work, join(root, 'fork.git'))
  server = await startGitHttpServer({ root, token })
  remote = `${server.url}/fork.git`
})

afterAll(async () => {
  await server.close()
})

describe('gitAuthEnv', () => {
  it('passes the token as a run-only extraheader, clearing inherited ones first', () => {
    const env = gitAuthEnv(token, 'https://github.com/some/path')
    expect(env).toEqual({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_0: '',
      GIT_CONFIG_KEY_1: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_1: `AUTHORIZATION: basic ${encoded}`,
    })
    expect(Buffer.from(encoded, 'base64').toString()).toBe(`x-access-token:${token}`)
    const appended = gitAuthEnv(token, 'http://127.0.0.1:8080/', {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'a.b',
    })
    expect(appended).toMatchObject({
      GIT_CONFIG_COUNT: '3',
      GIT_CONFIG_KEY_1: 'http.http://127.0.0.1:8080/.extraheader',
    })
    expect(appended.GIT_CONFIG_KEY_0).toBeUndefined() // the caller's own entry is left alone
  })

  it('refuses unusable input without echoing secrets', () => {
    expect(() => gitAuthEnv('', 'https://github.com')).toThrow('empty')
    expect(() => gitAuthEnv('abc\nX-Evil: 1', 'https://github.com')).toThrow('line break')
    const leaky = () => gitAuthEnv(token, `https://user:${token}@github.com/`)
    expect(leaky).toThrow('must not carry credentials')
    expect(() => leaky()).not.toThrow(token)
    expect(() => gitAuthEnv(token, 'ssh://git@github.com/')).toThrow('must be http(s)')
  })
})

describe('git over smart HTTP with the token', () => {
  it('is refused without the token (401)', async () => {
    const result = await gitWith({}, root, 'ls-remote', remote)
    expect(result.code).not.toBe(0)
    expect(server.requests().at(-1)).toMatchObject({ status: 401, authorized: false })
  })

  it('clones, lists and pushes with the environment, leaving no token behind', async () => {
    const env = gitAuthEnv(token, server.url)
    const listed = await gitWith(env, root, 'ls-remote', remote)
    expect(listed.stderr).toBe('')
    expect(listed.stdout).toMatch(/\trefs\/heads\/main\n/)
    expect(listed.stdout).toContain('refs/tags/v1.39')

    const clone = join(root, 'clone')
    const cloned = await gitWith(env, root, 'clone', '-q', remote, clone)
    expect(cloned.stderr).toBe('')
    const pushedSha = await commitFiles(clone, 'third', { NEWS: 'pushed over smart HTTP\n' })
    const pushed = await gitWith(env, clone, 'push', '-q', 'origin', 'HEAD:refs/heads/main')
    expect(pushed.code).toBe(0)
    expect(await git(join(root, 'fork.git'), 'rev-parse', 'main')).toBe(pushedSha)

    // Nothing persisted the token: not .git/config, not any other file of the clone.
    const config = await readFile(join(clone, '.git', 'config'), 'utf8')
    expect(config).toContain(`url = ${remote}`)
    expect(config).not.toMatch(/extraheader|AUTHORIZATION/i)
    const everything = await allText(clone)
    expect(everything).not.toContain(token)
    expect(everything).not.toContain(encoded)

    // The server saw the token on every request, never in a URL, and git gzipped a large negotiation.
    const requests = server.requests().slice(1)
    expect(requests.length).toBeGreaterThan(3)
    expect(requests.every((r) => r.authorized)).toBe(true)
    expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/git-receive-pack'))).toBe(true)
    expect(requests.some((r) => r.gzip)).toBe(true)
    const log = JSON.stringify(server.requests())
    expect(log).not.toContain(token)
    expect(log).not.toContain(encoded)
  })

  it('overrides a stale extraheader a checkout persisted for the same server', async () => {
    const stale = join(root, 'stale')
    await git(root, 'init', '-q', stale)
    await git(
      stale,
      'config',
      `http.${server.url}/.extraheader`,
      `AUTHORIZATION: basic ${basicAuthValue('expired')}`,
    )
    expect((await gitWith({}, stale, 'ls-remote', remote)).code).not.toBe(0)
    const listed = await gitWith(gitAuthEnv(token, server.url), stale, 'ls-remote', remote)
    expect(listed.code).toBe(0)
    expect(listed.stdout).toContain('refs/heads/main')
  })
})
