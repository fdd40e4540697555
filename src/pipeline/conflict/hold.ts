import type { CarrierContext } from './context.js'
import { withState } from './state-marker.js'
import type { SyncStep } from './steps.js'

/**
 * Tells the people on a pull request why the run left its branches alone: one comment per head, the
 * head being recorded in the body so later runs stay quiet until someone pushes again.
 */
export async function commentOnHold(
  context: CarrierContext,
  step: Extract<SyncStep, { kind: 'hold' }>,
): Promise<void> {
  const { entry, sha } = step
  const pull = entry.pull
  if (!pull || !sha || !entry.state || !context.pulls || context.settings.dryRun) return
  if (entry.state.noted === sha) return
  await context.pulls.comment(pull.number, step.message)
  await context.pulls.update(pull.number, { body: withState(pull.body, { ...entry.state, noted: sha }) })
}
