import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runPipeline } from '../../src/pipeline/run-pipeline.js'
import type { ActionRun } from '../support/action.js'
import { startObsServer, type ObsTestServer } from '../support/obs-server.js'
import { pipelineDeps, settingsFrom } from '../support/reliability-host.js'
import {
  assertConverged,
  obsProject,
  publishingScenario,
  type PublishingScenario,
} from '../support/reliability-scenario.js'
import { tempDir } from '../support/tmp.js'

let obs: ObsTestServer
beforeAll(async () => {
  obs = await startObsServer()
  await obs.createProject(obsProject)
})
afterAll(async () => obs?.stop())

/** A run on its own runner (own work directory), as two scheduled jobs have. */
const runner = async (s: PublishingScenario): Promise<ActionRun> =>
  s.sync({ 'work-dir': await tempDir('pc-runner-') })

describe('two runs at the same moment on the same fork and OBS package', () => {
  // how the two interleave varies from run to run; the next two cases force each way the race can end
  it.each([1])(
    'round %i: one moves the branch, the other ends cleanly, nothing is overwritten',
    async (round) => {
      const s = await publishingScenario(obs, 'clean', `race-${round}`)
      try {
        const [a, b] = await Promise.all([runner(s), runner(s)])
        for (const run of [a, b]) expect(run.code, run.stdout + run.stderr).toBe(0)
        expect([a.outputs.result, b.outputs.result]).toContain('published')
        for (const run of [a, b]) expect(['published', 'up-to-date']).toContain(run.outputs.result)
        // one push reserved the version, one moved the branch; the other run pushed nothing over them
        expect(await s.pushes()).toHaveLength(2)
        await assertConverged(s, obs, { concurrent: true })
        // a third run finds everything done
        const revisions = await s.obsRevisions()
        const third = await s.sync()
        expect(third.outputs.result).toBe('up-to-date')
        expect(await s.obsRevisions()).toBe(revisions)
        await s.assertNoTokenLeaked()
      } finally {
        await s.close()
      }
    },
  )

  it('the loser of a race on the server (its ref lock finds the winner’s push) ends cleanly', async () => {
    const s = await publishingScenario(obs, 'clean', 'race-lock')
    try {
      // run A reserves the version and publishes, then its branch push waits inside the server's
      // pre-receive while run B does it all
      const hold = s.hooks.holdNextPush('refs/heads/main')
      const a = runner(s)
      await hold.held
      const b = await runner(s)
      await hold.release()
      const first = await a
      expect(b.outputs.result).toBe('published')
      expect(first.code, first.stdout).toBe(0)
      expect(first.outputs.result).toBe('published')
      expect(first.summary).toContain('Another run started on the same state pushed exactly this result')
      // A's reservation (B found the version reserved for its very build), B's branch push
      expect(await s.pushes()).toHaveLength(2)
      await assertConverged(s, obs)
    } finally {
      await s.close()
    }
  })

  it('a run that finds the branch already moved to its very result before publishing ends cleanly', async () => {
    const s = await publishingScenario(obs, 'clean', 'race-ahead')
    try {
      const settings = settingsFrom(
        {
          ...s.github.inputs,
          ...s.obsInputs,
          'upstream-url': s.upstream.url,
          'upstream-tags': 'debian/*',
          'work-dir': await tempDir('pc-runner-'),
          'output-dir': await tempDir('pc-out-'),
        },
        s.github.env,
      )
      // the whole other run happens while this one rebases and builds
      let other: ActionRun | undefined
      const deps = pipelineDeps()
      const { packagerFor } = deps
      deps.packagerFor = async (...args) => {
        other = await runner(s)
        return packagerFor(...args)
      }
      const report = await runPipeline(settings, deps)
      expect(other?.outputs.result).toBe('published')
      expect(report.result).toBe('published')
      expect(report.notes).toContain('OBS already had these files: revision 1 unchanged, nothing uploaded')
      expect(await s.pushes()).toHaveLength(2)
      await assertConverged(s, obs)
    } finally {
      await s.close()
    }
  })
})
