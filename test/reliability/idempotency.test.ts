import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionRun } from '../support/action.js'
import { pushAsPerson } from '../support/github-fork.js'
import { describeAs } from '../support/github-scenario.js'
import { startObsServer, type ObsTestServer } from '../support/obs-server.js'
import {
  assertConverged,
  obsProject,
  publishingScenario,
  type PublishingScenario,
} from '../support/reliability-scenario.js'

let obs: ObsTestServer
beforeAll(async () => {
  obs = await startObsServer()
  await obs.createProject(obsProject)
})
afterAll(async () => obs?.stop())

async function fiveRuns(s: PublishingScenario): Promise<ActionRun[]> {
  const runs: ActionRun[] = []
  for (let i = 0; i < 5; i++) {
    const run = await s.sync()
    expect(run.code, run.stdout + run.stderr).toBe(0)
    runs.push(run)
  }
  return runs
}

const operations = (s: PublishingScenario): string[] =>
  s.github.api.requests().map((request) => request.operationId ?? request.url)

describe('five runs in a row on the same state', () => {
  it('a clean update: one push reserving the version, one moving the branch, one OBS revision, no API call', async () => {
    const s = await publishingScenario(obs, 'clean', 'idem-clean')
    try {
      const runs = await fiveRuns(s)
      expect(runs.map((run) => run.outputs.result)).toEqual([
        'published',
        'up-to-date',
        'up-to-date',
        'up-to-date',
        'up-to-date',
      ])
      // the build tag before the OBS commit (it reserves the version), then the branch and its archive tag
      const pushes = await s.pushes()
      expect(pushes.map((push) => push.map((line) => line.split(' ')[2]).sort())).toEqual([
        ['refs/tags/patch-carrier/build/1.1-1+carrier1'],
        ['refs/heads/main', `refs/tags/patch-carrier/archive/debian/1.0-1/${s.start.slice(0, 12)}`],
      ])
      await assertConverged(s, obs)
      expect(s.github.api.requests()).toEqual([])
      await s.assertNoTokenLeaked()
    } finally {
      await s.close()
    }
  })

  it('a conflict: one push and one pull request; after a person’s fix, one adopting run’s pushes, one OBS revision, the pull request closed', async () => {
    const s = await publishingScenario(obs, 'control-conflict', 'idem-conflict')
    try {
      const conflicts = await fiveRuns(s)
      expect(new Set(conflicts.map((run) => run.outputs.result))).toEqual(new Set(['conflict']))
      expect(new Set(conflicts.map((run) => run.outputs['pull-request-number']))).toEqual(new Set(['1']))
      expect(await s.pushes()).toHaveLength(1)
      expect(s.github.api.pulls()).toHaveLength(1)
      expect(operations(s).filter((op) => op === 'pulls/create')).toHaveLength(1)
      expect(operations(s).filter((op) => op === 'pulls/update')).toHaveLength(0)
      expect(await s.obsRevisions()).toBe(0)

      await pushAsPerson(s.fork, `patch-carrier/rebase/${s.tag}`, 'Resolved', {
        'debian/control': describeAs('upstream wording, downstream flavour'),
      })
      const pushesBefore = (await s.pushes()).length
      const settled = await fiveRuns(s)
      expect(settled.map((run) => run.outputs.result)).toEqual([
        'published',
        'up-to-date',
        'up-to-date',
        'up-to-date',
        'up-to-date',
      ])
      // the adopting run reserves the version, moves the branch (one atomic push) and deletes the pull
      // request branches
      expect((await s.pushes()).length - pushesBefore).toBeLessThanOrEqual(3)
      const refs = await s.fork.refs()
      expect([...refs.keys()].filter((ref) => ref.startsWith('refs/heads/patch-carrier/'))).toEqual([])
      expect(await s.obsRevisions()).toBe(1)
      expect(s.github.api.pulls()).toHaveLength(1)
      expect(s.github.api.pulls()[0]!.state).toBe('closed')
      expect(s.github.api.comments(1)).toHaveLength(1)
      expect(s.github.api.violations()).toEqual([])
      await s.assertNoTokenLeaked()
    } finally {
      await s.close()
    }
  })
})
