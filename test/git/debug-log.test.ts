import { afterEach, describe, expect, it, vi } from 'vitest'
import { tempDir } from '../support/tmp.js'

const before = process.env.DEBUG
afterEach(() => {
  if (before === undefined) delete process.env.DEBUG
  else process.env.DEBUG = before
  vi.restoreAllMocks()
})

describe("simple-git's debug log", () => {
  it('stays silent when DEBUG names it: it would print the auth header of each command', async () => {
    process.env.DEBUG = 'simple-git,simple-git:*'
    // loaded after DEBUG is set, as in a runner whose step sets it
    const { GitRepo } = await import('../../src/git/repo.js')
    const { gitAuthEnv, basicAuthValue } = await import('../../src/github/git-auth.js')
    const written: string[] = []
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    })
    const repo = new GitRepo(await tempDir()).withEnv(gitAuthEnv('ghs_debugToken', 'https://example.org'))
    await repo.exec(['init', '--quiet', '--bare'])
    vi.restoreAllMocks()
    expect(written.join('')).not.toContain(basicAuthValue('ghs_debugToken'))
    expect(written.join('')).not.toContain('simple-git')
  })
})
