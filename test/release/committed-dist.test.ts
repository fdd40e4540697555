import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { runAction } from '../support/action.js'
import { makeFork } from '../support/debian-fixtures.js'
import { git } from '../support/git.js'
import { makePlainUpstream } from '../support/plain-fixtures.js'

interface ActionYml {
  runs: { using: string; main: string }
  outputs: Record<string, unknown>
}

/**
 * Not a bundle of src/: the file action.yml names, as committed, started the way the runner starts it
 * (`node dist/index.js` with INPUT_* variables). A stale or broken dist/ fails here.
 */
describe('the committed dist/', () => {
  it('checks, syncs and then finds the fork up to date, writing every output action.yml declares', async () => {
    const action = parse(await readFile('action.yml', 'utf8')) as ActionYml
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
    const script = resolve(action.runs.main)
    // every output but the config file's matrix is written by every single-package run
    const declared = Object.keys(action.outputs)
      .filter((name) => name !== 'matrix')
      .sort()

    const upstream = await makePlainUpstream()
    await upstream.release(['v1.0'], { 'app.c': 'int version = 10;\n', 'idle.c': 'int debounce_ms = 500;\n' })
    const fork = await makeFork(upstream.url, 'v1.0')
    const downstream = await fork.commit('No IDLE debounce', { 'idle.c': 'int debounce_ms = 0;\n' })
    await upstream.release(['v1.1'], { 'app.c': 'int version = 11;\n', 'idle.c': 'int debounce_ms = 500;\n' })
    const inputs = { 'remote-url': fork.url, 'upstream-url': upstream.url, 'upstream-tags': 'v*' }
    const runDist = async (extra: Record<string, string>) => {
      const run = await runAction({ ...inputs, ...extra }, {}, script)
      expect(run.code, run.stdout + run.stderr).toBe(0)
      expect(Object.keys(run.outputs).sort()).toEqual(declared)
      return run
    }

    const check = await runDist({ mode: 'check' })
    expect(check.outputs).toMatchObject({
      result: 'update-available',
      'upstream-tag': 'v1.1',
      'previous-tag': 'v1.0',
      'pull-request-operation': 'none',
    })
    expect(await fork.head()).toBe(downstream)

    const sync = await runDist({})
    expect(sync.outputs).toMatchObject({ result: 'updated', 'upstream-tag': 'v1.1', version: '1.1+carrier1' })
    expect(await fork.head()).toBe(sync.outputs.commit)
    expect(await git(fork.bare, 'show', `${sync.outputs.commit}:app.c`)).toBe('int version = 11;')
    expect(await git(fork.bare, 'show', `${sync.outputs.commit}:idle.c`)).toBe('int debounce_ms = 0;')

    const again = await runDist({})
    expect(again.outputs).toMatchObject({
      result: 'up-to-date',
      'previous-tag': 'v1.1',
      commit: sync.outputs.commit,
      'pull-request-operation': 'none',
    })
  })
})
