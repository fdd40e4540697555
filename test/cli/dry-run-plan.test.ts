import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAction } from '../support/action.js'
import { runCli } from '../support/cli.js'
import {
  addDownstreamPatch,
  fastPatch,
  helloMainC as mainC,
  makeDebianUpstream,
  makeFork,
} from '../support/debian-fixtures.js'
import { carrierScenario } from '../support/github-scenario.js'
import { startObsServer, type ObsTestServer } from '../support/obs-server.js'

let obs: ObsTestServer
beforeAll(async () => {
  obs = await startObsServer()
  await obs.createProject('home:cli')
})
afterAll(async () => obs?.stop())

const password = 'cli-obs-password-5e1d'
const revisionOf = async (pkg: string): Promise<string> =>
  /rev="(\d+)"/.exec(await obs.osc(['api', `/source/home:cli/${pkg}`]))?.[1] ?? ''

describe('patch-carrier on a maintainer’s machine', () => {
  it('--help names every input, config and cache ones too', async () => {
    const help = await runCli(['--help'])
    expect(help.code).toBe(0)
    for (const flag of ['--upstream-url', '--dry-run', '--config', '--package', '--cache-dir'])
      expect(help.stdout).toContain(flag)
    const wrong = await runCli(['sync', '--upstream-urll', 'x'])
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('unknown option --upstream-urll')
  })

  it('sync --dry-run prints the refs it would push, the files it would upload with sizes, and changes nothing', async () => {
    const upstream = await makeDebianUpstream({ source: 'hello' })
    await upstream.release({ version: '1.0-1', source: { 'main.c': mainC('hello') } })
    const fork = await makeFork(upstream.url, 'debian/1.0-1')
    await addDownstreamPatch(fork, 'fast.patch', fastPatch)
    await upstream.release({ version: '1.1-1', source: { 'main.c': mainC('hello') } })
    const flags = [
      '--remote-url', fork.url,
      '--upstream-url', upstream.url,
      '--upstream-tags', 'debian/*',
      '--obs-url', obs.apiUrl,
      '--obs-project', 'home:cli',
      '--obs-package', 'hello',
      '--obs-user', 'carrier',
      '--obs-create',
    ] // prettier-ignore
    const secret = { 'INPUT_OBS-PASSWORD': password }
    const published = await runAction({
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'debian/*',
      'obs-url': obs.apiUrl,
      'obs-project': 'home:cli',
      'obs-package': 'hello',
      'obs-user': 'carrier',
      'obs-password': password,
      'obs-create': 'true',
    })
    expect(published.outputs.result, published.stdout).toBe('published')
    // the job summary links the OBS package on the web interface of obs-url's instance
    expect(published.summaryMarkdown).toContain(
      `| OBS package | [home\\:cli\\/hello](${obs.apiUrl}/package/show/home:cli/hello) |`,
    )
    const revision = await revisionOf('hello')

    // a Debian revision: the orig tarball is on OBS already, the .dsc and .debian.tar change
    await upstream.packagingRelease('debian/1.1-2', {
      'debian/rules': '#!/usr/bin/make -f\n%:\n\tdh $@ --with quilt\n',
    })
    const refsBefore = await fork.refs()
    const dry = await runCli(['sync', ...flags, '--dry-run'], secret)
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toContain('result=planned\n')
    const plan = dry.stderr
    expect(plan).toContain('Plan (dry run: nothing was pushed or uploaded)')
    expect(plan).toMatch(/- push [0-9a-f]{12} to refs\/heads\/main \(now [0-9a-f]{12}; --force-with-lease\)/)
    expect(plan).toMatch(
      /- push [0-9a-f]{12} to refs\/tags\/patch-carrier\/archive\/debian\/1.1-1\/[0-9a-f]{12}/,
    )
    expect(plan).toMatch(/- push [0-9a-f]{12} to refs\/tags\/patch-carrier\/build\/1.1-2\+carrier1/)
    expect(plan).toMatch(
      /- commit to OBS home:cli\/hello: hello_1.1-2\+carrier1.dsc \(\d+ bytes\), hello_1.1-2\+carrier1.debian.tar.xz \(\d+ bytes\) — 2 files, \d+ bytes to upload/,
    )
    expect(plan).toMatch(/- already on OBS, not uploaded: hello_1.1.orig.tar.gz \(\d+ bytes\)/)
    expect(plan).toContain(
      '- remove from OBS home:cli/hello: hello_1.1-1+carrier1.debian.tar.xz, hello_1.1-1+carrier1.dsc',
    )
    // a terminal gets text, not Markdown escapes; the secret never shows
    expect(plan).not.toContain('\\-')
    expect(dry.stdout + dry.stderr).not.toContain(password)
    expect(await fork.refs()).toEqual(refsBefore)
    expect(await revisionOf('hello')).toBe(revision)
  })

  it('sync --dry-run on a conflict prints the branches it would push and the pull request it would open', async () => {
    const s = await carrierScenario('control-conflict')
    try {
      const refsBefore = await s.fork.refs()
      const dry = await runCli(
        ['sync', '--remote-url', s.github.inputs['remote-url']!, '--repository', 'mail-org/dovecot',
         '--upstream-url', s.upstream.url, '--upstream-tags', 'debian/*', '--dry-run'], // prettier-ignore
        {
          'INPUT_GITHUB-TOKEN': s.github.token,
          GITHUB_API_URL: s.github.api.url,
          GITHUB_SERVER_URL: s.github.git.url,
        },
      )
      expect(dry.code, dry.stderr).toBe(0)
      expect(dry.stdout).toContain('result=conflict\n')
      const tagCommit = await s.tagCommit(s.tag)
      expect(dry.stderr).toContain(
        `- push ${tagCommit.slice(0, 12)} to refs/heads/patch-carrier/upstream/debian/1.0-2`,
      )
      expect(dry.stderr).toMatch(/- push [0-9a-f]{12} to refs\/heads\/patch-carrier\/rebase\/debian\/1.0-2/)
      expect(dry.stderr).toContain(
        '- open or update the pull request patch-carrier/rebase/debian/1.0-2 → patch-carrier/upstream/debian/1.0-2, ' +
          'titled "patch-carrier: conflict rebasing main onto debian/1.0-2"',
      )
      expect(await s.fork.refs()).toEqual(refsBefore)
      expect(s.github.api.requests()).toEqual([])
      expect(dry.stdout + dry.stderr).not.toContain(s.github.token)
    } finally {
      await s.close()
    }
  })
})
