import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runAction } from '../support/action.js'
import {
  addDownstreamPatch,
  fastPatch,
  helloMainC as mainC,
  makeDebianUpstream,
  makeFork,
  type Fork,
} from '../support/debian-fixtures.js'
import { tempDir } from '../support/tmp.js'

/** A Debian fork carrying fast.patch on `name` 1.0-1; `behind` makes upstream release 1.1-1 after. */
async function carriedPackage(name: string, behind: boolean): Promise<{ upstreamUrl: string; fork: Fork }> {
  const upstream = await makeDebianUpstream({ source: name })
  await upstream.release({ version: '1.0-1', source: { 'main.c': mainC('hello') } })
  const fork = await makeFork(upstream.url, 'debian/1.0-1')
  await addDownstreamPatch(fork, 'fast.patch', fastPatch)
  if (behind) await upstream.release({ version: '1.1-1', source: { 'main.c': mainC('hello') } })
  return { upstreamUrl: upstream.url, fork }
}

/** A checkout holding the config file, as actions/checkout leaves it in GITHUB_WORKSPACE. */
async function workspaceWith(config: string): Promise<string> {
  const workspace = await tempDir('pc-workspace-')
  await mkdir(join(workspace, '.github'))
  await writeFile(join(workspace, '.github', 'patch-carrier.yml'), config)
  return workspace
}

const entry = (name: string, p: { upstreamUrl: string; fork: Fork }): string =>
  `  ${name}:\n    remote-url: ${p.fork.url}\n    upstream-url: ${p.upstreamUrl}\n`

describe('many packages from one config file', () => {
  let hello: { upstreamUrl: string; fork: Fork }
  let world: { upstreamUrl: string; fork: Fork }
  let workspace: string
  const config = { config: '.github/patch-carrier.yml' }

  beforeAll(async () => {
    ;[hello, world] = await Promise.all([carriedPackage('hello', true), carriedPackage('world', false)])
    workspace = await workspaceWith(
      `defaults:\n  upstream-tags: debian/*\n  version-suffix: +chatmail{n}\npackages:\n` +
        entry('hello', hello) +
        entry('world', world),
    )
  })

  it('check: looks every package up, outputs the matrix of those needing an update, then a sync takes one', async () => {
    const env = { GITHUB_WORKSPACE: workspace }
    const refsBefore = await Promise.all([hello.fork.refs(), world.fork.refs()])
    const check = await runAction({ ...config, mode: 'check' }, env)
    expect(check.code, check.stdout + check.stderr).toBe(0)
    expect(check.outputs.result).toBe('update-available')
    expect(JSON.parse(check.outputs.matrix!)).toEqual({
      include: [{ package: 'hello', 'upstream-tag': 'debian/1.1-1', 'previous-tag': 'debian/1.0-1' }],
    })
    // side by side: one log group, every line named by its package, each stage timed
    expect(check.stdout).toMatch(/::group::Check 2 packages/)
    expect(check.stdout).toMatch(/\[hello\] Discover: \d+\.\d\d s/)
    expect(check.stdout).toMatch(/\[world\] Discover: \d+\.\d\d s/)
    expect(check.summary).toContain('1 of 2 packages needs an update')
    expect(check.summary).toMatch(
      /\| `hello` \| \*\*update available\*\* \| `main` \| `debian\/1.0-1` \| `debian\/1.1-1` \|/,
    )
    expect(check.summary).toMatch(/\| `world` \| up to date \|/)
    expect(await Promise.all([hello.fork.refs(), world.fork.refs()])).toEqual(refsBefore)

    // sync and build take one entry; without `package` they refuse, naming the input and the packages
    const ambiguous = await runAction(config, env)
    expect(ambiguous.code).toBe(1)
    expect(ambiguous.stdout).toContain("Input 'package': is required in mode sync")
    expect(ambiguous.stdout).toContain('(hello, world)')
    const unknown = await runAction({ ...config, package: 'nope' }, env)
    expect(unknown.stdout).toContain("Input 'package': .github/patch-carrier.yml has no package 'nope'")

    // one matrix job
    const sync = await runAction({ ...config, package: 'hello' }, env)
    expect(sync.code, sync.stdout + sync.stderr).toBe(0)
    expect(sync.outputs).toMatchObject({ result: 'updated', 'upstream-tag': 'debian/1.1-1' })
    expect(sync.outputs.version).toBe('1.1-1+chatmail1')
    expect(sync.summary).toMatch(/\| Package \| `hello` \|/)
    expect(await hello.fork.head()).toBe(sync.outputs.commit)

    const again = await runAction({ ...config, mode: 'check' }, env)
    expect(again.outputs.result).toBe('up-to-date')
    expect(JSON.parse(again.outputs.matrix!)).toEqual({ include: [] })
  })

  it('a package whose look-up fails fails the run, after the others are in the matrix', async () => {
    const broken = await workspaceWith(
      `defaults:\n  upstream-tags: debian/*\npackages:\n` +
        entry('world', world) +
        `  gone:\n    remote-url: ${world.fork.url}\n    upstream-url: file:///nonexistent/upstream.git\n` +
        entry('hello', hello),
    )
    const check = await runAction({ ...config, mode: 'check' }, { GITHUB_WORKSPACE: broken })
    expect(check.code).toBe(1)
    expect(check.stdout).toMatch(/::error::Package 'gone': .*nonexistent/)
    expect(check.summary).toMatch(/\| `gone` \| failed: /)
    expect(JSON.parse(check.outputs.matrix!)).toHaveProperty('include')
  })

  it('an invalid value of one package fails before any look-up, naming the package and the input', async () => {
    const bad = await workspaceWith(
      `packages:\n  odd:\n    remote-url: ${world.fork.url}\n    version-order: newest\n`,
    )
    const check = await runAction(
      { ...config, mode: 'check', 'upstream-url': world.upstreamUrl },
      {
        GITHUB_WORKSPACE: bad,
      },
    )
    expect(check.code).toBe(1)
    expect(check.stdout).toContain("::error::Package 'odd': Input 'version-order': must be one of")
    expect(check.outputs.matrix).toBeUndefined()
  })
})
