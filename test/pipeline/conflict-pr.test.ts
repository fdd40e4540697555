import { afterEach, describe, expect, it } from 'vitest'
import { git } from '../support/git.js'
import { pushAsPerson } from '../support/github-fork.js'
import { carrierScenario, describeAs, type CarrierScenario } from '../support/github-scenario.js'

let scenario: CarrierScenario | undefined
afterEach(async () => {
  if (!scenario) return
  await scenario.close()
  // every request and response conformed to GitHub's OpenAPI description
  expect(scenario.github.api.violations()).toEqual([])
  await scenario.assertNoTokenLeaked()
  scenario = undefined
})

const operations = (s: CarrierScenario): string[] =>
  s.github.api.requests().map((request) => request.operationId ?? request.url)

describe('a conflict becomes one pull request', () => {
  it('opens it, updates it on a re-run, adopts a person’s fix, and then goes quiet', async () => {
    const s = (scenario = await carrierScenario('control-conflict'))
    const { fork, github } = s
    const mainBefore = await fork.head()
    const tagCommit = await s.tagCommit(s.tag)

    // 0. a dry run plans the pull request; `conflict: fail` fails instead: neither pushes nor calls the API
    const refsBefore = await fork.refs()
    const dry = await s.sync({ 'dry-run': 'true' })
    expect(dry.outputs).toMatchObject({ result: 'conflict', 'pull-request-operation': 'none' })
    expect(dry.summary).toContain('open or update the pull request')
    const failing = await s.sync({ conflict: 'fail' })
    expect(failing.code).toBe(1)
    expect(failing.outputs.result).toBe('conflict')
    // without a token the pull request cannot be opened: the run fails before pushing anything
    const tokenless = await s.sync({ 'remote-url': fork.url, 'github-token': '' })
    expect(tokenless.code).toBe(1)
    expect(tokenless.stdout).toContain('github-token is empty')
    expect(await fork.refs()).toEqual(refsBefore)
    expect(github.api.requests()).toEqual([])

    // 1. first conflict: both branches pushed over smart HTTP with the token, one labelled pull request
    const first = await s.sync()
    expect(first.code, first.stdout + first.stderr).toBe(0)
    expect(first.outputs).toMatchObject({
      result: 'conflict',
      'pull-request-number': '1',
      'pull-request-operation': 'created',
    })
    expect(first.outputs['pull-request-url']).toBe('https://github.com/mail-org/dovecot/pull/1')
    expect(first.stdout).toMatch(/::warning .*file=debian\/control/)
    let refs = await fork.refs()
    expect(refs.get('refs/heads/main')).toBe(mainBefore)
    expect(refs.get('refs/heads/patch-carrier/upstream/debian/1.0-2')).toBe(tagCommit)
    const pushed = refs.get('refs/heads/patch-carrier/rebase/debian/1.0-2')!
    expect(pushed).toBe(first.outputs.commit)
    expect(await git(fork.bare, 'log', '--format=%s', `${tagCommit}..${pushed}`)).toBe('Add fast.patch')
    const [pull] = github.api.pulls()
    expect(pull).toMatchObject({
      number: 1,
      state: 'open',
      head: { ref: 'patch-carrier/rebase/debian/1.0-2' },
      base: { ref: 'patch-carrier/upstream/debian/1.0-2' },
      labels: [{ name: 'patch-carrier' }],
    })
    expect(pull!.title).toBe('patch-carrier: conflict rebasing main onto debian/1.0-2')
    expect(pull!.body).toContain('**Failed commit:**')
    expect(pull!.body).toContain('Downstream description')
    expect(pull!.body).toContain('`debian/control`')
    expect(pull!.body).toMatch(/<<<<<<< [\s\S]*upstream wording[\s\S]*downstream flavour/)
    expect(pull!.body).toContain(`git cherry-pick ${(await fork.head()).slice(0, 7)}`)
    expect(pull!.body).toContain('git push origin HEAD:refs/heads/patch-carrier/rebase/debian/1.0-2')
    expect(github.git.requests().some((request) => request.url.endsWith('git-receive-pack'))).toBe(true)
    expect(github.git.requests().every((request) => request.authorized)).toBe(true)

    // 2. re-run: the same pull request, nothing pushed, no second one
    const second = await s.sync()
    expect(second.outputs).toMatchObject({
      result: 'conflict',
      'pull-request-number': '1',
      'pull-request-operation': 'none',
    })
    expect(await fork.refs()).toEqual(refs)
    expect(github.api.pulls()).toHaveLength(1)
    expect(operations(s).filter((op) => op === 'pulls/create')).toHaveLength(1)

    // 3. a person resolves the conflict on the pull request branch
    const fix = await pushAsPerson(
      fork,
      'patch-carrier/rebase/debian/1.0-2',
      'Downstream description, resolved',
      {
        'debian/control': describeAs('upstream wording, downstream flavour'),
      },
    )
    const adopted = await s.sync()
    expect(adopted.code, adopted.stdout + adopted.stderr).toBe(0)
    expect(adopted.outputs).toMatchObject({
      result: 'updated',
      version: '1.0-2+carrier1',
      'pull-request-number': '1',
      'pull-request-operation': 'closed',
    })
    refs = await fork.refs()
    expect(refs.get('refs/heads/main')).toBe(fix)
    expect(refs.get(`refs/tags/patch-carrier/archive/debian/1.0-1/${mainBefore.slice(0, 12)}`)).toBe(
      mainBefore,
    )
    expect([...refs.keys()].filter((ref) => ref.startsWith('refs/heads/patch-carrier/'))).toEqual([])
    expect(github.api.pulls()[0]!.state).toBe('closed')
    const [closing] = github.api.comments(1)
    expect(closing!.body).toContain('took this resolution')
    expect(closing!.body).toContain('`1.0-2+carrier1`')
    expect(adopted.summary).toContain('Adopted the resolution')

    // 4. up to date: refs only, not one API call, no pull request
    const requests = github.api.requests().length
    const quiet = await s.sync()
    expect(quiet.outputs).toMatchObject({ result: 'up-to-date', 'pull-request-operation': 'none' })
    const tokenFree = await s.sync({ 'remote-url': fork.url, 'github-token': '' })
    expect(tokenFree.outputs.result).toBe('up-to-date')
    expect(github.api.requests()).toHaveLength(requests)
    expect(await fork.refs()).toEqual(refs)
  })

  it('never overwrites a person’s push it cannot take, and says so once', async () => {
    const s = (scenario = await carrierScenario('control-conflict'))
    await s.sync()
    // a person pushes work that is not based on the new upstream tag to the pull request branch
    const tree = await git(s.fork.bare, 'rev-parse', 'refs/heads/main^{tree}')
    const stray = await git(s.fork.bare, 'commit-tree', tree, '-p', 'refs/heads/main', '-m', 'Unrelated work')
    await git(s.fork.bare, 'update-ref', 'refs/heads/patch-carrier/rebase/debian/1.0-2', stray)
    const held = await s.sync()
    expect(held.code, held.stdout + held.stderr).toBe(0)
    expect(held.outputs).toMatchObject({ result: 'conflict', 'pull-request-operation': 'none' })
    expect((await s.fork.refs()).get('refs/heads/patch-carrier/rebase/debian/1.0-2')).toBe(stray)
    const again = await s.sync()
    expect(again.outputs.result).toBe('conflict')
    const comments = s.github.api.comments(1)
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toContain('does not contain the upstream tag debian/1.0-2')
    expect(s.github.api.pulls()).toHaveLength(1)
  })
})

describe('a branch that gets the tag some other way', () => {
  it('updates the pull request while the branch gains commits, then closes it and deletes its branches', async () => {
    const s = (scenario = await carrierScenario('control-conflict'))
    await s.sync()
    // a downstream commit lands on main meanwhile: the pull request lists it among the commits still to apply
    await s.fork.commit('Note the fork', { 'NOTES.fork': 'carried downstream\n' })
    const followed = await s.sync()
    expect(followed.outputs).toMatchObject({
      result: 'conflict',
      'pull-request-number': '1',
      'pull-request-operation': 'updated',
    })
    expect(s.github.api.pulls()[0]!.body).toContain('Note the fork')
    // a person finishes the rebase by hand and pushes it straight to main
    const rebased = (await s.fork.refs()).get('refs/heads/patch-carrier/rebase/debian/1.0-2')!
    const tree = await git(s.fork.bare, 'rev-parse', `${rebased}^{tree}`)
    const byHand = await git(s.fork.bare, 'commit-tree', tree, '-p', rebased, '-m', 'Rebased by hand')
    await git(s.fork.bare, 'update-ref', 'refs/heads/main', byHand)

    const settled = await s.sync()
    expect(settled.code, settled.stdout + settled.stderr).toBe(0)
    expect(settled.outputs).toMatchObject({
      result: 'up-to-date',
      commit: byHand,
      'pull-request-number': '1',
      'pull-request-operation': 'closed',
    })
    const refs = await s.fork.refs()
    expect([...refs.keys()].filter((ref) => ref.includes('patch-carrier/'))).toEqual([])
    expect(s.github.api.pulls()[0]!.state).toBe('closed')
    expect(s.github.api.comments(1)[0]!.body).toContain('`main` already contains `debian/1.0-2`')
  })
})
