import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { promisorEnv } from '../../src/git/objects.js'
import { GitRepo, identityEnv } from '../../src/git/repo.js'
import { gitAuthEnv } from '../../src/github/git-auth.js'
import { CommandError, MissingToolError } from '../../src/process/run.js'
import { tempDir } from '../support/tmp.js'

const saved = { ...process.env }
afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name]
  Object.assign(process.env, saved)
})

async function bareRepo(): Promise<GitRepo> {
  const dir = await tempDir()
  const repo = new GitRepo(dir)
  await repo.exec(['init', '--quiet', '--bare'])
  return repo
}

describe('git through simple-git', () => {
  it('leaves no timer behind a finished command (a process ends with its last git command)', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length
    const before = timers()
    const repo = await bareRepo()
    // silent commands: simple-git's default waits 50 ms after exit, and that timer outlived the command
    await repo.exec(['pack-refs', '--all'])
    expect(await repo.resolve('refs/heads/none')).toBeUndefined()
    expect(timers()).toBe(before)
  })

  it('gives git an allow-listed environment: no prompt, identity and repository per command, no step secret', async () => {
    // a stand-in git first on PATH prints the environment it was given
    const bin = await tempDir()
    await writeFile(join(bin, 'git'), '#!/bin/sh\nenv\n')
    await chmod(join(bin, 'git'), 0o755)
    process.env.PATH = `${bin}:${process.env.PATH}`
    process.env['INPUT_GITHUB-TOKEN'] = 'ghs_secret'
    process.env.MY_SECRET = 'hunter2'
    const repo = new GitRepo('/some/where/.git', bin)
    const env = (
      await repo.exec(['var', '-l'], { env: identityEnv({ name: 'Carrier', email: 'c@example.org' }) })
    ).stdout
    expect(env).toContain('GIT_TERMINAL_PROMPT=0')
    expect(env).toContain('GIT_DIR=/some/where/.git')
    expect(env).toContain(`GIT_WORK_TREE=${bin}`)
    expect(env).toContain('GIT_AUTHOR_NAME=Carrier')
    expect(env).not.toContain('ghs_secret')
    expect(env).not.toContain('hunter2')
  })

  it('returns an allowed exit code as a value, throws git own words otherwise', async () => {
    const repo = await bareRepo()
    const missing = await repo.exec(['rev-parse', '--verify', '--quiet', '--end-of-options', 'nope'], {
      okCodes: [0, 1],
    })
    expect(missing.code).toBe(1)
    const failure = repo.exec(['cat-file', 'blob', 'nope'])
    await expect(failure).rejects.toBeInstanceOf(CommandError)
    await expect(failure).rejects.toThrow(
      /^git cat-file failed \(exit 128\):\nfatal: Not a valid object name nope/,
    )
  })

  it('writes standard input (also an empty one) and streams stdout to a file', async () => {
    const repo = await bareRepo()
    const empty = await repo.read(['hash-object', '-w', '--stdin'], { input: '' })
    expect(empty).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391')
    const blob = await repo.read(['hash-object', '-w', '--stdin'], { input: 'hello\n' })
    const file = join(await tempDir(), 'out')
    await repo.blobToFile(blob, file)
    expect(await readFile(file, 'utf8')).toBe('hello\n')
  })

  it('passes config through the environment only: the auth header and the remotes together', async () => {
    const repo = (await bareRepo()).withEnv({
      ...promisorEnv('https://upstream.example/u.git', 'https://fork.example/f.git'),
      ...gitAuthEnv('ghs_token', 'https://fork.example'),
    })
    const config = await repo.read(['config', '--list'])
    expect(config).toContain('remote.patch-carrier-upstream.url=https://upstream.example/u.git')
    expect(config).toContain('remote.patch-carrier-fork.promisor=true')
    expect(config).toContain('http.https://fork.example/.extraheader=AUTHORIZATION: basic')
    expect(await readFile(join(repo.gitDir, 'config'), 'utf8')).not.toContain('example')
  })

  it("keeps simple-git's protections: an option that runs a program is refused before git runs", async () => {
    const repo = await bareRepo()
    await expect(repo.exec(['fetch', '--upload-pack=touch /tmp/pwned', 'origin'])).rejects.toThrow(
      /allowUnsafePack/,
    )
  })

  it('names the package when git is not installed', async () => {
    const dir = await tempDir()
    await mkdir(join(dir, 'empty'))
    process.env.PATH = join(dir, 'empty')
    await expect(new GitRepo(dir).exec(['version'])).rejects.toBeInstanceOf(MissingToolError)
  })
})
