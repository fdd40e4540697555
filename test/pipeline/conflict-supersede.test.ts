import { afterEach, describe, expect, it } from 'vitest'
import { git } from '../support/git.js'
import { pushAsPerson } from '../support/github-fork.js'
import { carrierScenario, describeAs, type CarrierScenario } from '../support/github-scenario.js'

let scenario: CarrierScenario | undefined
afterEach(async () => {
  if (!scenario) return
  await scenario.close()
  expect(scenario.github.api.violations()).toEqual([])
  await scenario.assertNoTokenLeaked()
  scenario = undefined
})

const carrierBranches = (refs: Map<string, string>): string[] =>
  [...refs.keys()].filter((ref) => ref.startsWith('refs/heads/patch-carrier/')).sort()

const touchRules = (release: string) => (rules: string) => `${rules}# ${release}\n`

describe('a newer upstream tag supersedes an open conflict pull request', () => {
  it('links the old pull request to the new one, then carries a person’s resolution onto the next tag', async () => {
    const s = (scenario = await carrierScenario('control-conflict'))
    const { fork, upstream, github } = s
    await s.sync()
    expect(github.api.pulls()).toHaveLength(1)

    // debian/1.0-3 still conflicts: a new pull request, the old one closed with a link to it
    await upstream.packagingRelease('debian/1.0-3', { 'debian/rules': touchRules('1.0-3') })
    const next = await s.sync()
    expect(next.code, next.stdout + next.stderr).toBe(0)
    expect(next.outputs).toMatchObject({ result: 'conflict', 'pull-request-number': '2' })
    const [old, current] = github.api.pulls()
    expect(old).toMatchObject({ number: 1, state: 'closed' })
    expect(current).toMatchObject({
      number: 2,
      state: 'open',
      head: { ref: 'patch-carrier/rebase/debian/1.0-3' },
    })
    expect(github.api.comments(1)[0]!.body).toContain('Superseded by #2')
    expect(carrierBranches(await fork.refs())).toEqual([
      'refs/heads/patch-carrier/rebase/debian/1.0-3',
      'refs/heads/patch-carrier/upstream/debian/1.0-3',
    ])

    // a person resolves 1.0-3; before the next run upstream tags 1.0-4, onto which the resolution applies
    const fix = await pushAsPerson(
      fork,
      'patch-carrier/rebase/debian/1.0-3',
      'Downstream description, resolved',
      {
        'debian/control': describeAs('upstream wording, downstream flavour'),
      },
    )
    await upstream.packagingRelease('debian/1.0-4', { 'debian/rules': touchRules('1.0-4') })
    const carried = await s.sync()
    expect(carried.code, carried.stdout + carried.stderr).toBe(0)
    expect(carried.outputs).toMatchObject({ result: 'updated', version: '1.0-4+carrier1' })
    const refs = await fork.refs()
    const main = refs.get('refs/heads/main')!
    const tag = await s.tagCommit('debian/1.0-4')
    expect(await git(fork.bare, 'log', '--format=%s', `${tag}..${main}`)).toBe(
      'Downstream description, resolved\nAdd fast.patch',
    )
    expect(await git(fork.bare, 'show', `${main}:debian/control`)).toContain(
      'Description: upstream wording, downstream flavour',
    )
    expect(carrierBranches(refs)).toEqual([])
    // the person's commits stay reachable, next to the branch archive
    expect(refs.get(`refs/tags/patch-carrier/archive/debian/1.0-3/${fix.slice(0, 12)}`)).toBe(fix)
    expect(github.api.pulls().map((pull) => pull.state)).toEqual(['closed', 'closed'])
    expect(github.api.comments(2)[0]!.body).toMatch(/carried over onto it cleanly.*`1\.0-4\+carrier1`/s)
  })
})
