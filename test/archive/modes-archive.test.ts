import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAction } from '../support/action.js'
import { serveOnGitHub } from '../support/github-fork.js'
import { git } from '../support/git.js'
import { startObsServer, type ObsTestServer } from '../support/obs-server.js'
import { tempDir } from '../support/tmp.js'
import { archiveScenario, cvePatch, hello, importOf, showFile } from './archive-scenario.js'
import { makeArchive, makeArchiveKey } from '../support/debian-archive.js'
import { makeForkFromDsc } from '../support/archive-fork.js'

let obs: ObsTestServer
beforeAll(async () => {
  obs = await startObsServer()
  await obs.createProject('home:carrier')
})
afterAll(async () => obs?.stop())

const obsInputs = (pkg: string) => ({
  'obs-url': obs.apiUrl,
  'obs-project': 'home:carrier',
  'obs-package': pkg,
  'obs-user': 'carrier',
  'obs-password': 'sentinel-obs-password-51c2',
  'obs-create': 'true',
})

describe('an archive upstream in every mode', () => {
  it('check and a dry run change nothing; the dry run plans the import a real run then makes, sha for sha', async () => {
    const { archive, fork, inputs } = await archiveScenario()
    const refsBefore = await fork.refs()
    const check = await runAction({ ...inputs, mode: 'check' })
    expect(check.code, check.stdout + check.stderr).toBe(0)
    expect(check.outputs).toMatchObject({
      result: 'update-available',
      'upstream-tag': 'import/hello/1.0-1+deb12u1',
      'previous-tag': 'base',
    })
    // upstream-tag picks a listed version (as an import name or a DEP-14 version); an unlisted one is refused
    const chosen = await runAction({ ...inputs, mode: 'check', 'upstream-tag': '1.0-1+deb12u1' })
    expect(chosen.outputs['upstream-tag']).toBe('import/hello/1.0-1+deb12u1')
    const unlisted = await runAction({ ...inputs, mode: 'check', 'upstream-tag': 'import/hello/9.9-1' })
    expect(unlisted.code).toBe(1)
    expect(unlisted.stdout).toContain("upstream-tag 'import/hello/9.9-1'")
    expect(unlisted.stdout).toContain('it lists: 1.0-1, 1.0-1+deb12u1')
    // a dry run on another "runner" (its own work-dir) imports locally and plans the push
    const dry = await runAction({ ...inputs, 'dry-run': 'true', 'work-dir': await tempDir('pc-work-') })
    expect(dry.code, dry.stdout + dry.stderr).toBe(0)
    expect(dry.outputs.result).toBe('planned')
    expect(await fork.refs()).toEqual(refsBefore)
    const planned = /push ([0-9a-f]{12}) to refs\/tags\/patch-carrier\/import\/hello\/1\.0-1\+deb12u1/.exec(
      dry.summary,
    )?.[1]
    expect(planned).toBeDefined()

    const sync = await runAction(inputs)
    expect(sync.outputs.result).toBe('updated')
    expect((await fork.refs()).get(importOf('1.0-1+deb12u1'))?.slice(0, 12)).toBe(planned)
    await archive.close()
  }, 120_000)

  it('publishes to OBS with the provenance in the commit message; a build run rebuilds on the archive tarball', async () => {
    const { archive, fork, inputs } = await archiveScenario()
    const published = await runAction({ ...inputs, ...obsInputs('hello') })
    expect(published.code, published.stdout + published.stderr).toBe(0)
    expect(published.outputs.result).toBe('published')
    const files = (await obs.osc(['ls', 'home:carrier', 'hello'])).split('\n').filter(Boolean).sort()
    expect(files).toEqual([
      'hello_1.0-1+deb12u1+carrier1.debian.tar.xz',
      'hello_1.0-1+deb12u1+carrier1.dsc',
      'hello_1.0.orig.tar.xz',
    ])
    const log = await obs.osc(['log', 'home:carrier', 'hello'])
    expect(log).toContain(`Debian archive: ${archive.url} suite bookworm-security`)
    expect(log).toContain(`signed by ${archive.key.fingerprint}`)
    expect(log).toMatch(/archive sha256 [0-9a-f]{64} {2}hello_1\.0\.orig\.tar\.xz/)

    // mode build: the branch as it is, on the import it contains, published again (nothing changed: no revision)
    const built = await runAction({ ...inputs, ...obsInputs('hello'), mode: 'build' })
    expect(built.code, built.stdout + built.stderr).toBe(0)
    expect(built.outputs).toMatchObject({ result: 'published', 'previous-tag': 'import/hello/1.0-1+deb12u1' })
    expect(built.outputs.version).toBe('1.0-1+deb12u1+carrier1')
    expect(built.summary).toContain('OBS already had these files')
    expect(await fork.head()).toBe(published.outputs.commit)
    await archive.close()
  }, 180_000)

  it('follows suites under two archive roots, as Debian keeps /debian and /debian-security', async () => {
    const key = await makeArchiveKey()
    const main = await makeArchive({ suites: [{ codename: 'bookworm' }], key })
    const security = await makeArchive({ suites: [{ codename: 'bookworm-security' }], key })
    const base = await hello.base()
    await main.include('bookworm', base)
    await security.include(
      'bookworm-security',
      await hello.security(1, { 'CVE-2026-0001.patch': cvePatch() }),
    )
    const fork = await makeForkFromDsc(base)
    const result = await runAction({
      'remote-url': fork.url,
      'upstream-archive': `${main.url}\n${security.url}`,
      'upstream-suites': 'bookworm, bookworm-security',
      'archive-keyring': key.armoredPublic,
      'downstream-base': 'base',
      'output-dir': await tempDir('pc-out-'),
      'work-dir': await tempDir('pc-work-'),
    })
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs['upstream-tag']).toBe('import/hello/1.0-1+deb12u1')
    expect(result.summary).toContain(`${security.url} \`bookworm-security\``)
    // the security suite was looked for in the first root (404), then found in the second
    expect(main.requests.map((request) => `${request.path} ${request.status}`)).toContain(
      '/dists/bookworm-security/InRelease 404',
    )
    expect(security.requests.some((request) => request.path.endsWith('hello_1.0.orig.tar.xz'))).toBe(true)
    await Promise.all([main.close(), security.close()])
  }, 120_000)

  it('a config-file matrix checks archive packages like git ones', async () => {
    const { archive, fork, inputs } = await archiveScenario()
    const workspace = await tempDir('pc-workspace-')
    await mkdir(join(workspace, '.github'))
    const keyFile = join(workspace, '.github', 'archive.asc')
    await writeFile(keyFile, archive.key.armoredPublic)
    await writeFile(
      join(workspace, '.github', 'patch-carrier.yml'),
      [
        'packages:',
        '  hello:',
        `    remote-url: ${fork.url}`,
        `    upstream-archive: ${archive.url}`,
        '    upstream-suites: bookworm, bookworm-security',
        `    archive-keyring: ${keyFile}`,
        '    downstream-base: base',
        '',
      ].join('\n'),
    )
    const check = await runAction(
      { config: '.github/patch-carrier.yml', mode: 'check', 'work-dir': inputs['work-dir']! },
      { GITHUB_WORKSPACE: workspace },
    )
    expect(check.code, check.stdout + check.stderr).toBe(0)
    expect(JSON.parse(check.outputs.matrix!)).toEqual({
      include: [{ package: 'hello', 'upstream-tag': 'import/hello/1.0-1+deb12u1', 'previous-tag': 'base' }],
    })
    await archive.close()
  }, 120_000)

  it('a conflict opens one pull request whose base is the imported version', async () => {
    const { archive, fork, inputs } = await archiveScenario()
    // the fork changes the README line Debian's security patch changes: the CVE patch no longer applies
    await fork.commit('Downstream README', { README: 'hello 1.0\nparsing is ours\n' })
    const github = await serveOnGitHub(fork)
    try {
      const before = await fork.refs()
      const result = await runAction({ ...inputs, ...github.inputs }, github.env)
      expect(result.code, result.stdout + result.stderr).toBe(0)
      expect(result.outputs.result).toBe('conflict')
      const refs = await fork.refs()
      expect(refs.get('refs/heads/main')).toBe(before.get('refs/heads/main'))
      const imported = refs.get(importOf('1.0-1+deb12u1'))!
      expect(refs.get('refs/heads/patch-carrier/upstream/import/hello/1.0-1+deb12u1')).toBe(imported)
      const [pull] = github.api.pulls()
      expect(pull).toMatchObject({
        state: 'open',
        base: { ref: 'patch-carrier/upstream/import/hello/1.0-1+deb12u1' },
        head: { ref: 'patch-carrier/rebase/import/hello/1.0-1+deb12u1' },
      })
      expect(github.api.violations()).toEqual([])
      expect(await showFile(fork.bare, imported, 'debian/patches/series')).toBe('CVE-2026-0001.patch')
      expect(await git(fork.bare, 'rev-list', '--count', imported)).toBe('1')
    } finally {
      await github.close()
      await archive.close()
    }
  }, 120_000)
})
