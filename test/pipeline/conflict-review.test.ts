import { afterEach, describe, expect, it } from 'vitest'
import { git } from '../support/git.js'
import { pushAsPerson } from '../support/github-fork.js'
import { carrierScenario, type CarrierScenario } from '../support/github-scenario.js'

let scenario: CarrierScenario | undefined
afterEach(async () => {
  if (!scenario) return
  await scenario.close()
  expect(scenario.github.api.violations()).toEqual([])
  await scenario.assertNoTokenLeaked()
  scenario = undefined
})

describe('review: always', () => {
  it('puts a clean rebase in a pull request, keeps a reviewer’s push, and ships the merge', async () => {
    const s = (scenario = await carrierScenario('clean'))
    const { fork, github } = s
    const mainBefore = await fork.head()
    const review = { review: 'always' }

    const first = await s.sync(review)
    expect(first.code, first.stdout + first.stderr).toBe(0)
    expect(first.outputs).toMatchObject({
      result: 'update-available',
      'pull-request-number': '1',
      'pull-request-operation': 'created',
      version: '',
    })
    let refs = await fork.refs()
    expect(refs.get('refs/heads/main')).toBe(mainBefore)
    expect(refs.get('refs/heads/patch-carrier/rebase/debian/1.1-1')).toBe(first.outputs.commit)
    expect(refs.get('refs/heads/patch-carrier/upstream/debian/1.1-1')).toBe(await s.tagCommit('debian/1.1-1'))
    const [pull] = github.api.pulls()
    expect(pull!.title).toBe('patch-carrier: rebase of main onto debian/1.1-1, for review')
    expect(pull!.body).toContain('Add fast\\.patch')

    // re-run: the same pull request, nothing pushed
    const again = await s.sync(review)
    expect(again.outputs).toMatchObject({
      result: 'update-available',
      'pull-request-number': '1',
      'pull-request-operation': 'none',
    })
    expect(await fork.refs()).toEqual(refs)

    // a reviewer pushes to the pull request branch: left as it is, one comment however often it runs
    const reviewed = await pushAsPerson(fork, 'patch-carrier/rebase/debian/1.1-1', 'Reviewer note', {
      'debian/NOTES': 'reviewed\n',
    })
    for (let run = 0; run < 2; run++) {
      const held = await s.sync(review)
      expect(held.outputs.result).toBe('update-available')
    }
    refs = await fork.refs()
    expect(refs.get('refs/heads/patch-carrier/rebase/debian/1.1-1')).toBe(reviewed)
    expect(refs.get('refs/heads/main')).toBe(mainBefore)
    expect(github.api.comments(1)).toHaveLength(1)
    expect(github.api.comments(1)[0]!.body).toContain('taken when this pull request is merged')

    // merged on the website: the next run moves main to the merge, builds, and says so on the pull request
    const merge = await github.merge(1)
    const shipped = await s.sync(review)
    expect(shipped.code, shipped.stdout + shipped.stderr).toBe(0)
    expect(shipped.outputs).toMatchObject({ result: 'updated', version: '1.1-1+carrier1', commit: merge })
    refs = await fork.refs()
    expect(refs.get('refs/heads/main')).toBe(merge)
    expect(await git(fork.bare, 'show', `${merge}:debian/NOTES`)).toBe('reviewed')
    expect([...refs.keys()].filter((ref) => ref.startsWith('refs/heads/patch-carrier/'))).toEqual([])
    const comments = github.api.comments(1)
    expect(comments).toHaveLength(2)
    expect(comments[1]!.body).toContain('`1.1-1+carrier1`')
  })
})
