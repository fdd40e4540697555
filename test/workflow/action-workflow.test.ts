import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/tmp.js'
import { replayJob, type WorkflowStep } from '../support/workflow-runner.js'

/** Steps that set up a runner (checkout, Node, apt, npm ci): this machine is set up already. */
const setup = (step: WorkflowStep): boolean =>
  Boolean(step.uses?.startsWith('actions/')) || /apt-get|^npm ci$/.test(step.run?.trim() ?? '')

describe('the CI workflow that runs the action with uses: ./', () => {
  it('passes every check when replayed here against its fixture repositories', async () => {
    // the fixture script's repositories go to a temp dir of this test, removed afterwards
    const steps = await replayJob('.github/workflows/action.yml', 'fixtures', {
      skip: setup,
      env: { TMPDIR: await tempDir('pc-workflow-') },
    })
    const failed = steps.filter((step) => step.outcome === 'failure' && step.id !== 'conflict')
    expect(failed.map((step) => `${step.name}\n${step.log}`)).toEqual([])
    expect(steps.find((step) => step.id === 'conflict')?.outcome).toBe('failure')
    const ran = steps.filter((step) => step.outcome !== 'skipped').map((step) => step.id ?? step.name)
    expect(ran).toEqual([
      'fixtures',
      'check',
      'Both packages need an update; the matrix lists them',
      'dry',
      'The dry run built the package and changed nothing',
      'sync',
      'The fork is on the new tag; the source package is built',
      'again',
      'Nothing to do',
      'conflict',
      'The run failed as told, reported the conflict and pushed nothing',
      'recheck',
      'Only the conflicting package is left',
    ])
  })
})
