import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'yaml'
import { run } from '../../src/process/run.js'
import { parseOutputFile, runAction } from './action.js'
import { tempDir } from './tmp.js'

/**
 * Replays one job of a workflow file on this machine, as a runner would run it: `run:` steps in bash
 * (`-eo pipefail`) with their `env:` and `$GITHUB_OUTPUT`, `uses: ./` through the bundled action with its
 * `with:` inputs. Expressions may only read `steps.<id>.outputs.<name>` and `steps.<id>.outcome`; anything
 * else fails loudly, so the file cannot depend on what this replay does not model.
 */

export interface WorkflowStep {
  id?: string
  name?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
  if?: string
  'continue-on-error'?: boolean
}

export interface StepResult {
  id?: string
  name: string
  outcome: 'success' | 'failure' | 'skipped'
  outputs: Record<string, string>
  log: string
}

export async function replayJob(
  file: string,
  job: string,
  options: { skip: (step: WorkflowStep) => boolean; env?: Record<string, string> },
): Promise<StepResult[]> {
  const workflow = parse(await readFile(file, 'utf8')) as { jobs: Record<string, { steps: WorkflowStep[] }> }
  const steps = workflow.jobs[job]?.steps
  if (!steps) throw new Error(`${file} has no job ${job}`)
  const results: StepResult[] = []
  const byId = new Map<string, StepResult>()
  const expand = (text: string): string =>
    text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_match, expression: string) => {
      const step = /^steps\.([\w-]+)\.(outputs\.([\w-]+)|outcome)$/.exec(expression)
      if (!step) throw new Error(`expression not modelled by the replay: ${expression}`)
      const result = byId.get(step[1]!)
      if (!result) throw new Error(`step ${step[1]} has not run before ${expression}`)
      return step[3] ? (result.outputs[step[3]] ?? '') : result.outcome
    })
  const expandAll = (values: Record<string, unknown> = {}): Record<string, string> =>
    Object.fromEntries(Object.entries(values).map(([name, value]) => [name, expand(String(value))]))

  for (const step of steps) {
    const name = step.name ?? step.uses ?? step.run ?? ''
    if (step.if) throw new Error(`step ${name}: if: is not modelled by the replay`)
    let result: StepResult
    if (options.skip(step)) {
      result = { id: step.id, name, outcome: 'skipped', outputs: {}, log: '' }
    } else if (step.uses === './') {
      const action = await runAction(expandAll(step.with), { ...options.env, ...expandAll(step.env) })
      const outcome = action.code === 0 ? 'success' : 'failure'
      result = { id: step.id, name, outcome, outputs: action.outputs, log: action.stdout + action.stderr }
    } else if (step.run !== undefined) {
      const outputFile = join(await tempDir('pc-step-'), 'output')
      await writeFile(outputFile, '')
      const shell = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
        okCodes: Array.from({ length: 256 }, (_, code) => code),
        env: { ...notVitest(), ...options.env, ...expandAll(step.env), GITHUB_OUTPUT: outputFile },
      })
      const outputs = parseOutputFile(await readFile(outputFile, 'utf8'))
      const outcome = shell.code === 0 ? 'success' : 'failure'
      result = { id: step.id, name, outcome, outputs, log: shell.stdout + shell.stderr }
    } else {
      throw new Error(`step ${name}: only run: and uses: ./ steps can be replayed (skip it)`)
    }
    results.push(result)
    if (step.id) byId.set(step.id, result)
    if (result.outcome === 'failure' && !step['continue-on-error']) break
  }
  return results
}

/** A runner's shell does not run under vitest: scripts must not see its variables. */
function notVitest(): Record<string, undefined> {
  return Object.fromEntries(
    Object.keys(process.env)
      .filter((name) => name.startsWith('VITEST'))
      .map((name) => [name, undefined]),
  )
}
