import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAction } from '../support/action.js'
import {
  addDownstreamPatch,
  makeDebianUpstream,
  makeFork,
  fastPatch,
  helloMainC as mainC,
} from '../support/debian-fixtures.js'
import { startObsServer, type ObsTestServer } from '../support/obs-server.js'
import { oscPutFile } from '../support/obs-fixtures.js'
import { tempDir } from '../support/tmp.js'
import { makePlainUpstream } from '../support/plain-fixtures.js'
import { makeRpmFork, noDebounce, qmailPackaging, qmailSources } from '../packaging/rpm/fixtures.js'

let obs: ObsTestServer
beforeAll(async () => {
  obs = await startObsServer()
  await obs.createProject('home:carrier')
})
afterAll(async () => obs?.stop())

const password = 'sentinel-obs-password-3f9a'

describe('sync and build publish to the real OBS source server', () => {
  it('publishes a clean update, keeps the revision on a re-run, and a new version replaces the orig', async () => {
    const upstream = await makeDebianUpstream({ source: 'hello' })
    await upstream.release({ version: '1.0-1', source: { 'main.c': mainC('hello') }, pristineTar: true })
    const fork = await makeFork(upstream.url, 'debian/1.0-1')
    await addDownstreamPatch(fork, 'fast.patch', fastPatch)
    await upstream.release({ version: '1.1-1', source: { 'main.c': mainC('hello') }, pristineTar: true })
    const inputs = {
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'debian/*',
      'obs-url': obs.apiUrl,
      'obs-project': 'home:carrier',
      'obs-package': 'hello',
      'obs-user': 'carrier',
      'obs-password': password,
      'obs-create': 'true',
    }
    const first = await runAction(
      { ...inputs, 'output-dir': await tempDir('pc-out-') },
      { GITHUB_RUN_ID: '42', GITHUB_REPOSITORY: 'me/hello' },
    )
    expect(first.code, first.stdout).toBe(0)
    expect(first.outputs.result).toBe('published')
    expect(first.outputs['obs-revision']).toBe('1')
    const listing = await obs.osc(['ls', 'home:carrier', 'hello'])
    expect(listing.split('\n').filter(Boolean).sort()).toEqual(
      ['hello_1.1-1+carrier1.debian.tar.xz', 'hello_1.1-1+carrier1.dsc', 'hello_1.1.orig.tar.gz'].sort(),
    )
    const log = await obs.osc(['log', 'home:carrier', 'hello'])
    expect(log).toContain('1.1-1+carrier1: rebased onto upstream tag debian/1.1-1')
    expect(log).toContain(first.outputs.commit!)
    expect(log).toContain('/me/hello/actions/runs/42')
    const dsc = await obs.osc(['cat', 'home:carrier', 'hello', 'hello_1.1-1+carrier1.dsc'])
    expect(dsc).toContain('Version: 1.1-1+carrier1')

    // a person adds a _service file on OBS; a build run of the same commit changes nothing
    await oscPutFile(obs, 'home:carrier', 'hello', '_service', '<services/>\n')
    const again = await runAction({ ...inputs, mode: 'build' })
    expect(again.code, again.stdout).toBe(0)
    expect(again.outputs.result).toBe('published')
    expect(again.outputs['obs-revision']).toBe('2')
    expect(again.summary).toContain('nothing uploaded')

    // a new upstream version: new orig uploaded, old orig removed, _service kept
    await upstream.release({
      version: '1.2-1',
      source: { 'main.c': mainC('hello'), NEWS: 'more\n' },
      pristineTar: true,
    })
    const next = await runAction(inputs)
    expect(next.code, next.stdout).toBe(0)
    expect(next.outputs.result).toBe('published')
    expect(next.outputs['obs-revision']).toBe('3')
    const files = (await obs.osc(['ls', 'home:carrier', 'hello'])).split('\n').filter(Boolean).sort()
    expect(files).toEqual(
      [
        '_service',
        'hello_1.2-1+carrier1.debian.tar.xz',
        'hello_1.2-1+carrier1.dsc',
        'hello_1.2.orig.tar.gz',
      ].sort(),
    )
    // `::add-mask::` lines are the runner's masking protocol, never shown in the log
    for (const run of [first, again, next])
      expect(run.everything.replace(/^::add-mask::.*$/gm, '')).not.toContain(password)
  })

  it('dry-run plans the OBS commit and uploads nothing', async () => {
    const upstream = await makeDebianUpstream({ source: 'dry' })
    await upstream.release({ version: '1.0-1', source: { 'main.c': mainC('hello') } })
    const fork = await makeFork(upstream.url, 'debian/1.0-1')
    await upstream.release({ version: '1.1-1', source: { 'main.c': mainC('hello') } })
    const result = await runAction({
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'debian/*',
      'obs-url': obs.apiUrl,
      'obs-project': 'home:carrier',
      'obs-package': 'dry',
      'obs-user': 'carrier',
      'obs-password': password,
      'dry-run': 'true',
    })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.result).toBe('planned')
    expect(result.summary).toMatch(/commit to OBS home:carrier\/dry: dry_1\.1-1\+carrier1\.dsc \(\d+ bytes\)/)
    await expect(obs.osc(['ls', 'home:carrier', 'dry'])).rejects.toThrow()
  })

  it('publishes an RPM fork: spec, Source0 and patches go to OBS, the .src.rpm only to files', async () => {
    const upstream = await makePlainUpstream()
    await upstream.release(['v1.0'], qmailSources('1.0'))
    const fork = await makeRpmFork(upstream, 'v1.0', qmailPackaging('1.0'), [
      ['Drop the IDLE debounce', noDebounce('1.0')],
    ])
    await upstream.release(['v1.1'], qmailSources('1.1'))
    const inputs = {
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'v*',
      'obs-url': obs.apiUrl,
      'obs-project': 'home:carrier',
      'obs-package': 'qmail',
      'obs-user': 'carrier',
      'obs-password': password,
      'obs-create': 'true',
    }
    const result = await runAction(inputs)
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs).toMatchObject({
      result: 'published',
      version: '1.1-1+carrier1',
      'obs-revision': '1',
    })
    expect(JSON.parse(result.outputs.files!).some((file: string) => file.endsWith('.src.rpm'))).toBe(true)
    const listing = (await obs.osc(['ls', 'home:carrier', 'qmail'])).split('\n').filter(Boolean).sort()
    expect(listing).toEqual(
      [
        '0001-Drop-the-IDLE-debounce.patch',
        'qmail-1.1.tar.gz',
        'qmail-install.patch',
        'qmail.init',
        'qmail.spec',
      ].sort(),
    )
    // the commit message's file list is what OBS holds: no .src.rpm
    const history = await obs.osc(['api', '/source/home:carrier/qmail/_history'])
    const listed = [...history.matchAll(/^sha256 [0-9a-f]{64} {2}([^\s<]+)/gm)]
      .map((match) => match[1])
      .sort()
    expect(listed).toEqual(listing)
    const spec = await obs.osc(['cat', '-u', 'home:carrier', 'qmail', 'qmail.spec'])
    expect(spec).toMatch(/^Version:\s+1\.1$/m)
    expect(spec).toMatch(/^Release:\s+1\+carrier1$/m)
    const rerun = await runAction({ ...inputs, mode: 'build' })
    expect(rerun.outputs).toMatchObject({ result: 'published', 'obs-revision': '1' })
  })
})
