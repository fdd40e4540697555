import { readdir } from 'node:fs/promises'
import { expect } from 'vitest'
import { runAction, type ActionRun } from '../support/action.js'
import type { ArchiveScenario } from './archive-scenario.js'

/**
 * Runs the action on the scenario and checks what a user sees of a refused run: exit code 1, exactly one
 * error annotation (returned, decoded), the fork's refs exactly as they were, nothing in output-dir.
 * `final`: a trust failure, where running again against the same archive cannot help.
 */
export async function refusedRun(
  { fork, inputs }: ArchiveScenario,
  extra: Record<string, string> = {},
  final = false,
): Promise<{ message: string; result: ActionRun }> {
  const before = await fork.refs()
  const result = await runAction({ ...inputs, ...extra })
  expect(result.code, result.stdout + result.stderr).toBe(1)
  const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error'))
  expect(errors, result.stdout).toHaveLength(1)
  expect(await fork.refs()).toEqual(before)
  expect(await readdir(inputs['output-dir']!)).toEqual([])
  expect(result.outputs.result).toBeUndefined()
  const message = errors[0]!
    .replace(/^::error::/, '')
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%25/g, '%')
  expect(message).not.toMatch(final ? /internal error|run again|\n\s+at /i : /internal error|\n\s+at /i)
  return { message, result }
}
