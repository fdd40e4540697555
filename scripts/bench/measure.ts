// Measuring helpers: the action bundle run as the tests run it, timed commands, medians, program timings.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { run, type RunOptions } from '../../src/process/run.js'
import { runAction as runBundle } from '../../test/support/action.js'
import { tempDir } from '../../test/support/tmp.js'

export type BenchOptions = { reps: number; cacheDir: string; fresh: boolean; progress(line: string): void }

export const since = (started: number) => (performance.now() - started) / 1000

// The action bundle (scripts/bench.mjs builds it from src/) run as the tests run it: its outputs, log,
// summary, wall seconds and per-stage seconds (its `<Stage>: N.NN s` log lines).
export async function runAction(
  inputs: Record<string, string>,
  { env, expectResult }: { env?: Record<string, string>; expectResult?: string } = {},
) {
  const bundle = process.env.BENCH_ACTION_BUNDLE
  if (!bundle) throw new Error('BENCH_ACTION_BUNDLE is not set: run the bench through scripts/bench.mjs')
  const started = performance.now()
  const { code, stdout, stderr, outputs, summary } = await runBundle(inputs, env, bundle)
  const [seconds, log] = [since(started), `${stdout}\n${stderr}`]
  const stages: Record<string, number> = {}
  for (const match of log.matchAll(/^([A-Z][a-z]+): (\d+\.\d+) s$/gm)) stages[match[1]!] = Number(match[2])
  if (code !== 0 || (expectResult && outputs.result !== expectResult)) {
    const ended = `the action ended with exit ${code}, result '${outputs.result ?? ''}' (expected ${expectResult ?? 'any'})`
    throw new Error(`${ended}:\n${log.split('\n').slice(-30).join('\n')}`)
  }
  return { seconds, stages, outputs, summary, log }
}

export async function timed(program: string, args: readonly string[], options: RunOptions = {}) {
  const started = performance.now()
  const result = await run(program, args, options)
  return { ...result, seconds: since(started) }
}

export async function repeat<T>(reps: number, measure: (rep: number) => Promise<T>): Promise<T[]> {
  const results: T[] = []
  for (let rep = 0; rep < reps; rep++) results.push(await measure(rep))
  return results
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export const list = (values: readonly number[]) => values.map((v) => v.toFixed(2)).join(', ')

export type Tools = Awaited<ReturnType<typeof toolWrappers>>
// Wrappers for `tools` (their directory first on PATH) that log the real programs' top-level calls (`tool
// arg1 start-ns end-ns`; nested calls see BENCH_WRAP_DEPTH) to a path written into them (the action gives its
// programs an allow-listed environment).
export async function toolWrappers(tools: readonly string[]) {
  const dir = await tempDir('pc-bench-tools-')
  const log = join(dir, 'calls.log')
  for (const tool of tools) {
    const real = (await run('sh', ['-c', 'command -v "$1"', 'sh', tool])).stdout.trim()
    const script = `#!/bin/sh
start=$(date +%s%N); depth=\${BENCH_WRAP_DEPTH:-0}
BENCH_WRAP_DEPTH=$((depth + 1)) '${real}' "$@"; code=$?; end=$(date +%s%N)
[ "$depth" != 0 ] || printf '%s %s %s %s\\n' ${tool} "$1" "$start" "$end" >> '${log}'
exit $code
`
    await writeFile(join(dir, tool), script, { mode: 0o755 })
  }
  /** Seconds of the calls of `tool` (with first argument `sub`, when given) since the last reset. */
  const total = async (tool: string, sub?: string) => {
    const calls = (await readFile(log, 'utf8').catch(() => '')).matchAll(/^(\S+) (\S*) (\d+) (\d+)$/gm)
    const mine = [...calls].filter(([, name, first]) => name === tool && (sub === undefined || first === sub))
    return mine.reduce((n, [, , , start, end]) => n + (Number(end) - Number(start)) / 1e9, 0)
  }
  return { dir, reset: () => writeFile(log, ''), total }
}
