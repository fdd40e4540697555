import { describe, expect, it } from 'vitest'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline/run-pipeline.js'
import { parseSettings, inputsFromEnv } from '../../src/action/settings.js'
import { choosePackager } from '../../src/packaging/choose.js'
import type { Deps, Logger } from '../../src/pipeline/deps.js'
import { runAction } from '../support/action.js'
import {
  addDownstreamPatch,
  makeDebianUpstream,
  makeFork,
  fastPatch,
  helloMainC as mainC,
} from '../support/debian-fixtures.js'
import { git } from '../support/git.js'
import { tempDir } from '../support/tmp.js'

const quiet: Logger = { info: () => undefined, warning: () => undefined, group: (_name, stage) => stage() }

async function setup() {
  const upstream = await makeDebianUpstream({ source: 'hello' })
  await upstream.release({ version: '1.0-1', source: { 'main.c': mainC('hello') } })
  const fork = await makeFork(upstream.url, 'debian/1.0-1')
  await addDownstreamPatch(fork, 'fast.patch', fastPatch)
  await upstream.release({ version: '1.1-1', source: { 'main.c': mainC('hello') } })
  return { upstream, fork }
}

async function settingsFor(inputs: Record<string, string>) {
  const dir = await tempDir('pc-run-')
  const env = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
  return parseSettings(inputsFromEnv({ ...env, RUNNER_TEMP: dir }), { RUNNER_TEMP: dir })
}

describe('pushing without losing anything', () => {
  it('pushes nothing when the branch moved during the run, and says so', async () => {
    const { upstream, fork } = await setup()
    const settings = await settingsFor({
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'debian/*',
    })
    let moved = ''
    const deps: Deps = {
      log: quiet,
      // a person pushes to the branch while the action is rebasing
      packagerFor: async (...args) => {
        moved = await fork.commit('A person was here', { 'debian/NOTES': 'mine\n' })
        return choosePackager(...args)
      },
      obsFor: () => {
        throw new Error('no OBS in this test')
      },
    }
    await expect(runPipeline(settings, deps)).rejects.toThrow(
      /moved on the fork during the run.*nothing was pushed/s,
    )
    const refs = await fork.refs()
    expect(refs.get('refs/heads/main')).toBe(moved)
    expect([...refs.keys()].filter((ref) => ref.includes('patch-carrier'))).toEqual([])

    // the next run carries the person's commit too
    const next = await runAction({
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'debian/*',
    })
    expect(next.outputs.result).toBe('updated')
    expect(await git(fork.bare, 'log', '--format=%s', '-2', 'refs/heads/main')).toBe(
      'A person was here\nAdd fast.patch',
    )
  })

  it('an up-to-date run reads refs and commits only: no tree or blob is downloaded', async () => {
    const { upstream, fork } = await setup()
    const first = await runAction({
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'debian/*',
    })
    expect(first.outputs.result).toBe('updated')
    const runnerTemp = await tempDir('pc-temp-')
    const second = await runAction(
      { 'remote-url': fork.url, 'upstream-url': upstream.url, 'upstream-tags': 'debian/*' },
      { RUNNER_TEMP: runnerTemp },
    )
    expect(second.outputs.result).toBe('up-to-date')
    const probe = join(runnerTemp, 'patch-carrier-work', 'probe.git')
    const types = await git(probe, 'cat-file', '--batch-all-objects', '--batch-check=%(objecttype)')
    expect(new Set(types.split('\n'))).toEqual(new Set(['commit']))
    expect(await readdir(join(runnerTemp, 'patch-carrier-work'))).toEqual(['probe.git'])
  })

  it('counts {n} per upstream version: a rebuild of the same commit reuses it, a new commit takes n+1', async () => {
    const { upstream, fork } = await setup()
    const sync = await runAction({
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'debian/*',
    })
    expect(sync.outputs.version).toBe('1.1-1+carrier1')
    const again = await runAction({
      mode: 'build',
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'debian/*',
    })
    expect(again.code, again.stdout).toBe(0)
    expect(again.outputs.result).toBe('built')
    expect(again.outputs.version).toBe('1.1-1+carrier1')
    await fork.commit('Another downstream change', { 'debian/NOTES': 'more\n' })
    const build = await runAction({
      mode: 'build',
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'debian/*',
    })
    expect(build.outputs.result).toBe('built')
    expect(build.outputs.version).toBe('1.1-1+carrier2')
    const refs = await fork.refs()
    expect(refs.get('refs/tags/patch-carrier/build/1.1-1+carrier2')).toBe(await fork.head())
  })

  it('finds the base of a fork carrying more commits than the first probe slice', async () => {
    const { upstream, fork } = await setup()
    for (let i = 0; i < 70; i++) await fork.commit(`Downstream note ${i}`, { 'debian/NOTES': `${i}\n` })
    const runnerTemp = await tempDir('pc-temp-')
    const result = await runAction(
      { mode: 'check', 'remote-url': fork.url, 'upstream-url': upstream.url, 'upstream-tags': 'debian/*' },
      { RUNNER_TEMP: runnerTemp },
    )
    expect(result.outputs).toMatchObject({ result: 'update-available', 'previous-tag': 'debian/1.0-1' })
  })
})
