import { parseState, withState } from '../pipeline/conflict/survey.js'
import type { Stop } from './port-pending.js'
import type { PullContext } from './pull-context.js'

/** A person's push that cannot be taken: left alone, said once per pushed sha. */
export async function holdBackport(
  context: PullContext,
  stop: Extract<Stop, { kind: 'hold' }>,
): Promise<void> {
  const { report, pulls } = context
  report.notes.push(stop.message)
  report.commit = stop.sha
  context.log.warning(stop.message)
  const pull = stop.pull
  if (!pull) return
  report.pullRequest = { number: pull.number, url: pull.url }
  const state = parseState(pull.body)
  if (!state || state.noted === stop.sha || !pulls.client || context.settings.dryRun) return
  await pulls.client.comment(pull.number, stop.message)
  await pulls.client.update(pull.number, { body: withState(pull.body, { ...state, noted: stop.sha }) })
}
