// Runs the bundled action as a runner would (INPUT_* variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
// RUNNER_TEMP) and reads back its outputs, its per-stage timings and its wall time.
import { spawn } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseOutputFile } from '../../test/support/action.js'
import { tempDir } from '../../test/support/tmp.js'

export interface ActionResult {
  code: number
  /** Wall seconds of the whole process (node start to exit). */
  seconds: number
  /** Seconds per stage, from the `<Stage>: N.NN s` log lines. */
  stages: Record<string, number>
  outputs: Record<string, string>
  summary: string
  log: string
  /** When each stage's log group opened and closed (epoch ms), for attributing tool calls to stages. */
  windows: { stage: string; start: number; end: number }[]
}

/** The action bundle scripts/bench.mjs built from src/ (dist/ is left alone: others commit it). */
export const actionBundle = (): string => {
  const path = process.env.BENCH_ACTION_BUNDLE
  if (!path) throw new Error('BENCH_ACTION_BUNDLE is not set: run the bench through scripts/bench.mjs')
  return path
}

export async function runAction(
  inputs: Record<string, string>,
  options: { env?: Record<string, string>; expectResult?: string } = {},
): Promise<ActionResult> {
  const dir = await tempDir('pc-bench-run-')
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary.md')
  const runnerTemp = join(dir, 'runner-temp')
  await mkdir(runnerTemp)
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runnerTemp,
    ...options.env,
  }
  const started = performance.now()
  const windows: ActionResult['windows'] = []
  const { code, log } = await new Promise<{ code: number; log: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [actionBundle()], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    const chunks: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      // stdout is a pipe, written synchronously by the action: arrival time ≈ write time
      const at = Date.now()
      for (const match of chunk.toString().matchAll(/^::group::(.*)$|^([A-Z][a-z]+): \d+\.\d+ s$/gm)) {
        if (match[1] !== undefined) windows.push({ stage: match[1].trim(), start: at, end: at })
        else if (windows.at(-1)?.stage === match[2]) windows.at(-1)!.end = at
      }
    })
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.on('error', reject)
    child.on('close', (exit) => resolve({ code: exit ?? -1, log: Buffer.concat(chunks).toString() }))
  })
  const seconds = (performance.now() - started) / 1000
  const outputs = parseOutputFile(await readFile(outputFile, 'utf8'))
  const stages: Record<string, number> = {}
  for (const match of log.matchAll(/^([A-Z][a-z]+): (\d+\.\d+) s$/gm)) stages[match[1]!] = Number(match[2])
  const summary = await readFile(summaryFile, 'utf8')
  const result = { code, seconds, stages, outputs, summary, log, windows }
  if (code !== 0 || (options.expectResult && outputs.result !== options.expectResult)) {
    throw new Error(
      `the action ended with exit ${code}, result '${outputs.result ?? ''}'` +
        (options.expectResult ? ` (expected '${options.expectResult}')` : '') +
        `:\n${log.split('\n').slice(-30).join('\n')}`,
    )
  }
  return result
}
