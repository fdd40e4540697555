import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAction } from '../support/action.js'
import { oscRevisionsOrNone } from '../support/obs-fixtures.js'
import { startObsServer, type ObsTestServer } from '../support/obs-server.js'
import { runAndKill } from '../support/reliability-kill.js'
import { helloUpstream, liteFork, type HelloUpstream } from '../support/reliability-lite.js'
import { assertConverged, obsProject } from '../support/reliability-scenario.js'

/**
 * The process killed (SIGKILL to it and every program it runs) at each stage boundary of a publishing
 * sync; then a re-run on the same runner (same work directory, whatever the kill left there). The fork
 * is never half-updated, OBS holds the old or the complete new revision, and the re-run converges.
 */

let obs: ObsTestServer
let hello: HelloUpstream
beforeAll(async () => {
  ;[obs, hello] = await Promise.all([startObsServer(), helloUpstream()])
  await obs.createProject(obsProject)
})
afterAll(async () => obs?.stop())

describe('killed mid-run, then run again', () => {
  it.each([
    // Fetch and Rebase boundaries leave the same state as these two: nothing on the fork or OBS yet
    ['Discover', /^::group::Discover$/m],
    ['Build', /^::group::Build$/m],
    ['Publish', /^::group::Publish$/m],
    ['the OBS commit, before the push', /committed revision 1$/m],
    ['Push', /^::group::Push$/m],
  ])('at %s', async (stage, when) => {
    const fork = await liteFork(hello, obs.apiUrl, `kill-${stage.split(' ').at(-1)!.toLowerCase()}`)
    const killed = await runAndKill(fork.inputs, when)
    expect(killed.killed, killed.stdout).toBe(true)

    // never half-done: the branch moved only together with its archive tag (atomic push); before that,
    // at most the build tag reserving the version is there (the re-run must build that very commit)
    const refs = await fork.fork.refs()
    const main = refs.get('refs/heads/main')
    const carrierRefs = [...refs.keys()].filter((ref) => ref.includes('patch-carrier'))
    const buildTag = 'refs/tags/patch-carrier/build/1.1-1+carrier1'
    if (main === fork.start) expect(carrierRefs.filter((ref) => ref !== buildTag)).toEqual([])
    else await assertConverged(fork, obs)
    expect(await oscRevisionsOrNone(obs, obsProject, fork.pkg)).toBeLessThanOrEqual(1)

    const again = await runAction(fork.inputs)
    expect(again.code, again.stdout + again.stderr).toBe(0)
    expect(['published', 'up-to-date']).toContain(again.outputs.result)
    await assertConverged(fork, obs)
  })

  it('a lock file a run killed in the middle of a fetch left in the work directory does not stop the next run', async () => {
    const fork = await liteFork(hello, obs.apiUrl, 'kill-lock')
    const check = await runAction({ ...fork.inputs, mode: 'check' })
    expect(check.outputs.result).toBe('update-available')
    // what `git fetch --depth` leaves in the probe repository when SIGKILLed mid-way
    const probe = join(fork.inputs['work-dir']!, 'probe.git')
    await writeFile(join(probe, 'shallow.lock'), '')
    await writeFile(join(probe, 'packed-refs.lock'), '')
    const again = await runAction(fork.inputs)
    expect(again.code, again.stdout).toBe(0)
    expect(again.outputs.result).toBe('published')
    await assertConverged(fork, obs)
  })
})
