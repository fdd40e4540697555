import { describe, expect, it } from 'vitest'
import { run } from '../../src/process/run.js'
import { shellWord } from '../../src/git/shell-commands.js'
import { finishCommands } from '../../src/pipeline/conflict/pull-request.js'
import {
  carrierBranchesOf,
  foreignShas,
  parseState,
  renderState,
  resolutionOf,
  withState,
  type CarrierEntry,
} from '../../src/pipeline/conflict/survey.js'

const sha = (c: string): string => c.repeat(40)

/** The words a POSIX shell makes of a command line (the program replaced by printf). */
async function wordsOf(commandLine: string): Promise<string[]> {
  const { stdout } = await run('sh', ['-c', `printf '%s\\0' ${commandLine.replace(/^git /, '')}`])
  return stdout.split('\0').slice(0, -1)
}

describe('commands to finish a rebase locally', () => {
  it('quote hostile tag and patch names so the shell sees exactly one word each', async () => {
    const tag = `v1.0'$(touch pwned)"\`x\``
    expect(await wordsOf(`git switch -C ${shellWord(`patch-carrier/rebase/${tag}`)}`)).toEqual([
      'switch',
      '-C',
      `patch-carrier/rebase/${tag}`,
    ])
    const lines = finishCommands({
      branch: 'main',
      upstreamTag: tag,
      failed: { kind: 'patch', name: "it's.patch", output: '' },
      remaining: [],
    })
    const commit = lines.find((line) => line.startsWith('git commit'))!
    expect(await wordsOf(commit)).toEqual([
      'commit',
      '-m',
      `Refresh it's.patch for ${tag}`,
      '--',
      'debian/patches',
    ])
    expect(lines.at(-1)).toBe(`git push origin ${shellWord(`HEAD:refs/heads/patch-carrier/rebase/${tag}`)}`)
  })

  it('cherry-pick the failed commit and every commit still to apply, in order', () => {
    const lines = finishCommands({
      branch: 'main',
      upstreamTag: 'debian/1%2.3-1',
      failed: { kind: 'commit', commit: { sha: sha('a'), subject: 'x' } },
      remaining: [{ sha: sha('b'), subject: 'y' }],
    })
    expect(lines).toContain(`git cherry-pick ${sha('a')} ${sha('b')}`)
    expect(lines[1]).toContain('+refs/heads/main:refs/remotes/origin/main')
  })
})

describe('the state recorded in a pull request body', () => {
  it('round-trips, and replaces itself instead of piling up', () => {
    const state = { kind: 'conflict', pushed: sha('1'), branchHead: sha('2') } as const
    const body = withState('text\n', state)
    expect(parseState(body)).toEqual(state)
    const noted = withState(body, { ...state, noted: sha('3') })
    expect(parseState(noted)).toEqual({ ...state, noted: sha('3') })
    expect(noted.match(/patch-carrier:state/g)).toHaveLength(1)
    expect(parseState(renderState(state).replace(sha('1'), 'not-a-sha'))).toBeUndefined()
  })
})

describe('whose work a pull request branch holds', () => {
  const tag = 'v2.0'
  const entry = (overrides: Partial<CarrierEntry>): CarrierEntry => ({
    tag,
    tagCommit: sha('f'),
    upstream: sha('f'),
    rebase: sha('a'),
    state: { kind: 'conflict', pushed: sha('a'), branchHead: sha('b') },
    ...overrides,
  })

  it('finds the branches by tag from the fork refs alone', () => {
    const refs = new Map([
      ['refs/heads/main', sha('0')],
      [`refs/heads/patch-carrier/rebase/debian/1%2.0-1`, sha('a')],
      [`refs/heads/patch-carrier/upstream/debian/1%2.0-1`, sha('f')],
      [`refs/heads/patch-carrier/upstream/v3`, sha('c')],
      [`refs/tags/patch-carrier/build/1.0`, sha('d')],
    ])
    expect(carrierBranchesOf(refs)).toEqual([
      { tag: 'debian/1%2.0-1', rebase: sha('a'), upstream: sha('f') },
      { tag: 'v3', upstream: sha('c') },
    ])
  })

  it('tells the action’s own push from a person’s, a merge, and work nobody recorded', () => {
    expect(resolutionOf(entry({}))).toEqual({ kind: 'none' })
    expect(resolutionOf(entry({ rebase: sha('c') }))).toEqual({ kind: 'pushed', sha: sha('c') })
    // what the action would push now is its own even when the record lags behind
    expect(resolutionOf(entry({ rebase: sha('c') }), sha('c'))).toEqual({ kind: 'none' })
    expect(resolutionOf(entry({ upstream: sha('e') }))).toEqual({ kind: 'merged', sha: sha('e') })
    expect(resolutionOf(entry({ rebase: sha('c'), state: undefined }))).toEqual({
      kind: 'unaccounted',
      sha: sha('c'),
    })
    expect(foreignShas(entry({ upstream: sha('e'), rebase: sha('c') }))).toEqual([sha('e'), sha('c')])
    expect(foreignShas(entry({}))).toEqual([])
  })
})
