import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runPipeline } from '../../src/pipeline/run-pipeline.js'
import { oscRevisions, oscRevisionsOrNone } from '../support/obs-fixtures.js'
import { startFaultProxy, type Fault, type FaultProxy } from '../support/obs-proxy.js'
import { startObsServer, type ObsTestServer } from '../support/obs-server.js'
import { pipelineDeps, settingsFrom } from '../support/reliability-host.js'
import { helloUpstream, liteFork, type HelloUpstream, type LiteFork } from '../support/reliability-lite.js'
import { assertConverged, obsPassword, obsProject } from '../support/reliability-scenario.js'

/**
 * OBS failing at every step of a publish from a sync run (create, read, commitfilelist, each upload, the
 * second commitfilelist), and the fork refusing the push. The publish comes before the branch push, so
 * after any failure the branch is unchanged (only the build tag that reserved the version is on the fork);
 * OBS holds the old revision or the complete new one; a re-run converges on exactly one new revision and
 * the moved branch, with the old head kept.
 */

let obs: ObsTestServer
let proxy: FaultProxy
let hello: HelloUpstream
let steps: string[] = []
beforeAll(async () => {
  ;[obs, hello] = await Promise.all([startObsServer(), helloUpstream()])
  await obs.createProject(obsProject)
  proxy = await startFaultProxy(obs.apiUrl)
  // the OBS requests of an undisturbed publish, in order
  const reference = await liteFork(hello, proxy.url, 'reference')
  const from = proxy.requests.length
  await sync(reference)
  steps = proxy.requests.slice(from).map((request) => `${request.method} ${request.url.split('?')[0]}`)
})
afterAll(async () => {
  await proxy?.close()
  await obs?.stop()
})

/** One in-process sync with an OBS client that gives up fast (2 attempts, 1.5 s per request). */
function sync(fork: LiteFork) {
  const retry = { attempts: 2, baseDelayMs: 5, timeoutMs: 1500 }
  return runPipeline(settingsFrom(fork.inputs), pipelineDeps(undefined, { retry }))
}

/** Faults from the OBS request at 0-based `step` of the next run on (`once`: that request only). */
function faultAt(step: number, fault: Fault, once: boolean): void {
  const start = proxy.requests.length
  proxy.setFaults(({ n }) => {
    const index = n - start - 1
    return index === step || (!once && index > step) ? fault : undefined
  })
}

describe('OBS faults during a sync', () => {
  it('publishes through the proxy in ten protocol steps', () => {
    const methods = steps.map((step) => step.split(' ')[0])
    expect(methods).toEqual(['GET', 'GET', 'PUT', 'GET', 'POST', 'PUT', 'PUT', 'PUT', 'GET', 'POST'])
    expect(steps[0]).toBe('GET /source/home:reliability/reference')
    expect(steps[1]).toBe('GET /source/home:reliability/reference/_meta')
    expect(steps[2]).toBe('PUT /source/home:reliability/reference/_meta')
    expect(steps[9]).toBe('POST /source/home:reliability/reference')
  })

  // one step of each kind: a read, the first commitfilelist, an upload, the committing commitfilelist
  // (reading the meta, creating the package, the other uploads and the re-read fail the same way)
  it.each([
    [1, 'reading the package'],
    [5, 'the first commitfilelist'],
    [6, 'an upload'],
    [10, 'the committing commitfilelist'],
  ])('HTTP 503 from step %i (%s) on: the branch is not pushed, a re-run converges', async (step) => {
    const fork = await liteFork(hello, proxy.url, `fail-${step}`)
    const before = await fork.fork.refs()
    faultAt(step - 1, { status: 503 }, false)
    const error = await sync(fork).then(
      () => undefined,
      (failure: unknown) => failure as Error,
    )
    proxy.setFaults(() => undefined)
    expect(error?.message).toMatch(
      /^OBS (GET|PUT|POST) \/source\/home:reliability\/fail-\d.* failed after \d attempt\(s\): HTTP 503/,
    )
    expect(error?.message).not.toContain(obsPassword)
    // the version was reserved for this build before anything was written to OBS; nothing else moved
    const after = await fork.fork.refs()
    const reserved = after.get('refs/tags/patch-carrier/build/1.1-1+carrier1')
    expect(reserved).toBeDefined()
    expect(after).toEqual(new Map([...before, ['refs/tags/patch-carrier/build/1.1-1+carrier1', reserved!]]))
    expect(await oscRevisionsOrNone(obs, obsProject, fork.pkg)).toBe(0)
    const again = await sync(fork)
    expect(again.result).toBe('published')
    await assertConverged(fork, obs)
  })

  it.each<[string, Fault]>([
    ['a dropped reply (committed, answer lost)', { cutReply: true }],
    ['a reply later than the timeout', { delayReplyMs: 2500 }],
  ])('%s on the committing POST once: the run publishes exactly one revision', async (_label, fault) => {
    const fork = await liteFork(
      hello,
      proxy.url,
      `once-${steps.length}-${Math.random().toString(36).slice(2, 8)}`,
    )
    faultAt(steps.length - 1, fault, true)
    const report = await sync(fork)
    proxy.setFaults(() => undefined)
    expect(report.result).toBe('published')
    await assertConverged(fork, obs)
  })

  it('a push the fork refuses: the failure says so, OBS keeps its revision, a re-run only pushes', async () => {
    const fork = await liteFork(hello, obs.apiUrl, 'push-refused')
    await fork.hooks.reject(1, 'refs/heads/main')
    await expect(sync(fork)).rejects.toThrow(
      /^1\.1-1\+carrier1 was published as OBS revision 1 of home:reliability\/push-refused \(built from [0-9a-f]{12}\), but the fork was not updated: the push failed\.[\s\S]*\ngit push to the fork failed:\n[\s\S]*pre-receive: rejected by the test/,
    )
    expect((await fork.fork.refs()).get('refs/heads/main')).toBe(fork.start)
    expect(await oscRevisions(obs, obsProject, fork.pkg)).toBe(1)
    const again = await sync(fork)
    expect(again.result).toBe('published')
    expect(again.notes).toContain('OBS already had these files: revision 1 unchanged, nothing uploaded')
    // the build tag before the OBS commit, then the branch with its archive tag
    expect((await fork.hooks.pushes()).map((push) => push.map((line) => line.split(' ')[2]).sort())).toEqual([
      ['refs/tags/patch-carrier/build/1.1-1+carrier1'],
      ['refs/heads/main', `refs/tags/patch-carrier/archive/debian/1.0-1/${fork.start.slice(0, 12)}`],
    ])
    await assertConverged(fork, obs)
  })
})
